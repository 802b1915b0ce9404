import type { Actor } from "../auth/actor.js";
import { withholdLinkTokens } from "../delivery/link-tokens.js";
import type { Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import { loadRequest } from "../requests/load.js";
import { canSee } from "../requests/policy.js";
import { lettersOfRequest } from "./letters-repository.js";

/**
 * The letters written about a request, as its page shows them: whoever may see the request may
 * read what it was told. The text was kept with the patron's download tokens withheld; they are
 * withheld once more here, so a row written any other way cannot hand out a live link.
 */
export async function requestLetters(db: Executor, actor: Actor, requestId: number) {
  const r = await loadRequest(db, actor, requestId);
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { message: "No such request." });
  const rows = await lettersOfRequest(db, actor.institutionId, r.id);
  const safe = (text: string | null) => (text === null ? null : withholdLinkTokens(text));
  return rows.map((l) => ({
    letter_id: String(l.id),
    letter_code: l.letter_code,
    recipient: l.recipient,
    status: l.status,
    tries: l.tries,
    transport: l.transport,
    first_try_at: l.first_try_at,
    sent_at: l.sent_at,
    subject: safe(l.subject),
    body_text: safe(l.body_text),
    body_html: safe(l.body_html),
  }));
}

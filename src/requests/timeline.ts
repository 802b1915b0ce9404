import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { loadRequest } from "./load.js";
import { historyOf } from "./parts-repository.js";
import { canSee } from "./policy.js";

/** Events whose reason is written for the patron (it goes in their letter too). */
const REASON_FOR_PATRON = new Set(["cancel", "reject"]);

/**
 * The request's history as the patron may read it: when it moved to which state, and why it was
 * cancelled or rejected. Staff-only detail (who did it, internal notes, the event's data) is left
 * out; events that change no state (a task decided, a letter resent) are left out too.
 */
export async function getTimeline(db: Db, actor: Actor, id: number) {
  const r = await loadRequest(db, actor, id);
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  return (await historyOf(db, r.id))
    .filter((e) => e.to_state !== null && e.to_state !== e.from_state)
    .map((e) => ({
      at: e.at,
      state: e.to_state!,
      reason: REASON_FOR_PATRON.has(e.action) ? e.reason : null,
    }));
}

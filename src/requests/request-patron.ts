import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import { present } from "../people/users-present.js";
import { findUser } from "../people/users-repository.js";
import { loadRequest } from "./load.js";
import { canSee } from "./policy.js";

/**
 * Whom a request is for, as its page shows them: whoever may see the request may see who asked
 * (the pick slip names them too), without the wider users.read that looks anyone up.
 */
export async function requestPatron(db: Executor, actor: Actor, requestId: number) {
  const r = await loadRequest(db, actor, requestId);
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { message: "No such request." });
  const u = await findUser(db, actor.institutionId, r.user_id);
  if (!u) throw new AppError("NOT_FOUND", { message: "No such user." });
  // The route's schema answers only who they are: name, ids, group, email, language, status.
  return present(u);
}

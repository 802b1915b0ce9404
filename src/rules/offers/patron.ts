import type { Actor } from "../../auth/actor.js";
import type { Executor } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { findUserIdByPrimaryId } from "../../people/users-repository.js";

/** The patron asked about: a primary id, or the caller. */
export async function patronIdOf(db: Executor, actor: Actor, primaryId: string | undefined): Promise<number | null> {
  if (!primaryId) return null;
  const id = await findUserIdByPrimaryId(db, actor.institutionId, primaryId);
  if (id === null) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
  return id;
}

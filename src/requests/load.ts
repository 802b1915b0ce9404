import type { Actor } from "../auth/actor.js";
import type { Db, Executor, Tx } from "../db/database.js";
import { AppError } from "../errors.js";
import { authorizeRequest, type RequestAction } from "./policy.js";
import { findRequest, type RequestRow } from "./repository.js";

/** Loads a request of the caller's institution, or answers 404 as if it did not exist. */
export async function loadRequest(db: Executor, actor: Actor, id: number): Promise<RequestRow> {
  const row = await findRequest(db, actor.institutionId, id);
  if (!row) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  return row;
}

/**
 * The frame of every request use case: one transaction in which the request is loaded,
 * the caller authorized for `action`, and `work` done.
 */
export async function withRequest<T>(
  db: Db,
  actor: Actor,
  id: number,
  action: RequestAction,
  work: (tx: Tx, row: RequestRow) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const row = await loadRequest(tx, actor, id);
    authorizeRequest(actor, action, row);
    return work(tx, row);
  });
}

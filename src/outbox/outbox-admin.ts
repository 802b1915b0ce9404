import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import type { OutboxStatus } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { findOutboxRow, listOutboxRows, requeueFailedRow, type OutboxRow } from "./outbox-repository.js";

/** Staff who answer for letters or for fulfillment may see what is waiting or stuck, and retry it. */
const authorizeOutbox = (actor: Actor): void => authorize(actor, "outbox.manage");

export async function listOutbox(
  db: Db,
  actor: Actor,
  filter: { status?: OutboxStatus; requestId?: number; limit: number },
): Promise<OutboxRow[]> {
  authorizeOutbox(actor);
  return listOutboxRows(db, actor.institutionId, filter);
}

async function loadOutboxMessage(db: Db, actor: Actor, id: number): Promise<OutboxRow> {
  const row = await findOutboxRow(db, actor.institutionId, id);
  if (!row) throw notFound("outbox message");
  return row;
}

/** Sends a failed message again: back to pending, due now, with a fresh series of attempts. */
export async function retryOutboxMessage(db: Db, actor: Actor, id: number, now: Date): Promise<OutboxRow> {
  await loadOutboxMessage(db, actor, id);
  authorizeOutbox(actor);
  return db.transaction().execute(async (tx) => {
    const row = await requeueFailedRow(tx, id, now.toISOString());
    if (row) return row;
    const current = await findOutboxRow(tx, actor.institutionId, id);
    throw new AppError("OUTBOX_NOT_FAILED", {
      message: `Only a failed message can be retried; this one is ${current?.status ?? "gone"}.`,
      details: { status: current?.status ?? null },
    });
  });
}

import type { Executor } from "../db/database.js";
import { insertOutboxRow, type NewOutboxRow, type OutboxKind } from "./outbox-repository.js";

export interface OutboxEntry {
  institutionId: number;
  kind: OutboxKind;
  /** the letter code, e.g. request_cancelled, or the print job's document, e.g. resource_request_slip */
  topic: string;
  requestId: number | null;
  /** everything the handler needs; stored as JSON */
  payload: Record<string, unknown>;
}

/**
 * Records a letter or print job to send. Call it inside the use case's transaction (`tx`), never
 * with the bare database: the message then exists exactly when the state change that caused it
 * was committed, and the worker (process-outbox.ts) sends it afterwards. Returns the row id.
 */
export async function enqueue(tx: Executor, entry: OutboxEntry, now: Date): Promise<number> {
  return insertOutboxRow(tx, outboxRow(entry, now));
}

/**
 * The outbox rows of several letters or print jobs, for a use case that writes them with the rest
 * of its change in one statement (placement: requests/placement-repository.ts), in its transaction
 * as enqueue does.
 */
export function outboxRows(entries: OutboxEntry[], now: Date): NewOutboxRow[] {
  return entries.map((entry) => outboxRow(entry, now));
}

const outboxRow = (entry: OutboxEntry, now: Date): NewOutboxRow => ({
  institution_id: entry.institutionId,
  kind: entry.kind,
  topic: entry.topic,
  request_id: entry.requestId,
  payload: JSON.stringify(entry.payload),
  at: now.toISOString(),
});

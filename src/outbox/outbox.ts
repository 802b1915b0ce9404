import type { Executor } from "../db/database.js";
import type { AppContext } from "../server/context.js";
import { insertOutboxRow, type OutboxKind } from "./outbox-repository.js";

/*
 * The outbox: letters and print jobs that a state change causes are written as rows in the
 * same transaction as the change, and a worker (process-outbox.ts) sends them afterwards.
 * So a crash never loses one, and a rolled-back change never sends one.
 */

export type { OutboxKind } from "./outbox-repository.js";

export interface OutboxEntry {
  institutionId: number;
  kind: OutboxKind;
  /** what to send, e.g. a letter code ("request_cancelled") or a print job ("resource_request_slip") */
  topic: string;
  requestId: number | null;
  /** everything the handler needs; stored as JSON */
  payload: Record<string, unknown>;
}

/**
 * Records a message to be sent once the surrounding transaction commits. Call it with the use
 * case's transaction (`tx`), never with the bare database, or the message would outlive a
 * rolled-back change. Returns the row id.
 */
export async function enqueue(tx: Executor, entry: OutboxEntry, now: Date): Promise<number> {
  return insertOutboxRow(tx, {
    institution_id: entry.institutionId,
    kind: entry.kind,
    topic: entry.topic,
    request_id: entry.requestId,
    payload: JSON.stringify(entry.payload),
    at: now.toISOString(),
  });
}

/** A claimed message as its handler sees it. */
export interface OutboxMessage {
  id: number;
  institutionId: number;
  kind: OutboxKind;
  topic: string;
  requestId: number | null;
  payload: Record<string, unknown>;
  /** this try's number, from 1 */
  attempt: number;
  createdAt: string;
}

/**
 * Sends one message. Resolving means it was delivered; throwing means try again later with
 * backoff, unless the error is a PermanentDeliveryError. Handlers may run again for a message
 * whose earlier try died midway, so sending should tolerate a repeat.
 */
export type OutboxHandler = (message: OutboxMessage, ctx: AppContext) => Promise<void>;

/** Handlers by kind. A kind without a handler is not claimed: its rows wait, untouched. */
export type OutboxHandlers = Partial<Record<OutboxKind, OutboxHandler>>;

/**
 * Thrown by a handler when retrying cannot help (no email address, a template that does not
 * render, a printer that no longer exists): the message fails at once and staff see why.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentDeliveryError";
  }
}

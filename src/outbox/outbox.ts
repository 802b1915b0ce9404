import type { DomainContext as AppContext } from "../context.js";
import type { OutboxKind } from "./outbox-repository.js";

/*
 * The outbox: letters and print jobs that a state change causes are written as rows in the
 * same transaction as the change (enqueue.ts), and a worker (process-outbox.ts) sends them
 * afterwards with the handlers below. So a crash never loses one, and a rolled-back change
 * never sends one.
 */

export type { OutboxKind } from "./outbox-repository.js";

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
 * The messages claimed together with one: what their handlers would each read alike (the
 * institution, its templates and settings, the rows of all of them at once) is read once for the
 * batch and kept here. A batch lives for one claim, seconds, so a change staff make shows in the
 * next one.
 */
export interface OutboxBatch {
  readonly messages: readonly OutboxMessage[];
  /** the value loaded under `key` for this batch, loading it on first use (a failed load is not kept) */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export function outboxBatch(messages: readonly OutboxMessage[]): OutboxBatch {
  const kept = new Map<string, Promise<unknown>>();
  return {
    messages,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let value = kept.get(key) as Promise<T> | undefined;
      if (!value) {
        value = load();
        kept.set(key, value);
        value.catch(() => kept.delete(key));
      }
      return value;
    },
  };
}

/**
 * Sends one message. Resolving means it was delivered; throwing means try again later with
 * backoff, unless the error is a PermanentDeliveryError. Handlers may run again for a message
 * whose earlier try died midway, so sending should tolerate a repeat.
 */
type OutboxHandler = (message: OutboxMessage, ctx: AppContext, batch: OutboxBatch) => Promise<void>;

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

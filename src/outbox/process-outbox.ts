import type { DomainContext as AppContext } from "../context.js";
import { PermanentDeliveryError, type OutboxHandlers, type OutboxKind, type OutboxMessage } from "./outbox.js";
import { claimDueRows, settleClaim, type OutboxRow } from "./outbox-repository.js";

export interface ProcessOutboxOptions {
  /** the worker's notion of now: due rows, backoff and lease are all measured from it */
  now: Date;
  /** rows claimed per call (default 20) */
  batchSize?: number;
  /** how long a claim lasts; a row still processing after it is taken again (default 5 minutes) */
  leaseMs?: number;
  /** tries before a message fails for good (default 8) */
  maxAttempts?: number;
  /** only this institution's rows (tests, or a per-tenant run); default all */
  institutionId?: number;
}

export interface OutboxRunSummary {
  claimed: number;
  done: number;
  /** failed this time, back to pending with backoff */
  retried: number;
  failed: number;
  /** results not recorded because the lease ran out and another worker took the row */
  lost: number;
}

export const OUTBOX_DEFAULTS = { batchSize: 20, leaseMs: 5 * 60_000, maxAttempts: 8 } as const;

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 2000;

/** Delay before the next try after `attempts` failed ones: 30 s, 1 min, 2 min, ... capped at 1 h. */
export const backoffMs = (attempts: number): number =>
  Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);

const errorText = (err: unknown): string =>
  (err instanceof Error ? err.message || err.name : String(err)).slice(0, MAX_ERROR_LENGTH);

function toMessage(row: OutboxRow): OutboxMessage {
  const payload: unknown = JSON.parse(row.payload);
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new PermanentDeliveryError("The stored payload is not a JSON object.");
  }
  return {
    id: row.id,
    institutionId: row.institution_id,
    kind: row.kind,
    topic: row.topic,
    requestId: row.request_id,
    payload: payload as Record<string, unknown>,
    attempt: row.attempts,
    createdAt: row.created_at,
  };
}

type Settle = Parameters<typeof settleClaim>[2];

/** What to record for a claimed row: run its handler, or give up on it. */
async function attempt(
  ctx: AppContext,
  handlers: OutboxHandlers,
  row: OutboxRow,
  nowIso: string,
  now: Date,
  maxAttempts: number,
): Promise<Settle> {
  // A row whose earlier workers all died midway has used up its tries without ever failing.
  if (row.attempts > maxAttempts) {
    return {
      status: "failed",
      processed_at: nowIso,
      last_error: `Gave up after ${maxAttempts} attempts: the worker stopped while sending it.`,
    };
  }
  const log = ctx.log.child({ outbox_id: row.id, kind: row.kind, topic: row.topic, attempt: row.attempts });
  try {
    await handlers[row.kind]!(toMessage(row), ctx);
    return { status: "done", processed_at: nowIso };
  } catch (err) {
    const lastError = errorText(err);
    if (err instanceof PermanentDeliveryError || row.attempts >= maxAttempts) {
      log.warn({ err }, "outbox message failed for good");
      return { status: "failed", processed_at: nowIso, last_error: lastError };
    }
    const next = new Date(now.getTime() + backoffMs(row.attempts)).toISOString();
    log.info({ err, next_attempt_at: next }, "outbox message failed; will retry");
    return { status: "pending", next_attempt_at: next, last_error: lastError };
  }
}

/**
 * One worker step: claims up to batchSize due messages whose kind has a handler, runs each
 * handler, and records the outcome. Safe to run from several workers at once: a row is
 * claimed by one of them only. Handlers run outside any transaction, since sending cannot be
 * rolled back.
 */
export async function processOutbox(
  ctx: AppContext,
  handlers: OutboxHandlers,
  options: ProcessOutboxOptions,
): Promise<OutboxRunSummary> {
  const { now } = options;
  const batchSize = options.batchSize ?? OUTBOX_DEFAULTS.batchSize;
  const leaseMs = options.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
  const maxAttempts = options.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
  const nowIso = now.toISOString();
  const summary: OutboxRunSummary = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0 };
  const kinds = (Object.keys(handlers) as OutboxKind[]).filter((k) => handlers[k] !== undefined);
  const started = performance.now();

  while (summary.claimed < batchSize) {
    // Rows are claimed one at a time, just before they are sent, and the lease counts the time
    // this call has already spent: slow handlers early in a batch must not let the lease of
    // the later rows run out before they are even tried.
    const spentMs = performance.now() - started;
    const [row] = await claimDueRows(ctx.db, {
      kinds,
      nowIso,
      leaseUntilIso: new Date(now.getTime() + spentMs + leaseMs).toISOString(),
      limit: 1,
      ...(options.institutionId !== undefined ? { institutionId: options.institutionId } : {}),
    });
    if (!row) break;
    summary.claimed++;
    const outcome = await attempt(ctx, handlers, row, nowIso, now, maxAttempts);
    if (await settleClaim(ctx.db, { id: row.id, attempts: row.attempts }, outcome)) {
      summary[outcome.status === "pending" ? "retried" : outcome.status]++;
    } else {
      summary.lost++;
      ctx.log.warn({ outbox_id: row.id }, "outbox lease ran out before the result was recorded; another worker has it");
    }
  }
  return summary;
}

import { groupCommit } from "../db/group-commit.js";
import { createMailer } from "../letters/mailer.js";
import type { DomainContext as AppContext } from "../context.js";
import {
  outboxBatch,
  PermanentDeliveryError,
  type OutboxBatch,
  type OutboxHandlers,
  type OutboxKind,
  type OutboxMessage,
} from "./outbox.js";
import { claimDueRows, renewLease, settleClaims, type ClaimOutcome, type OutboxRow } from "./outbox-repository.js";

export interface ProcessOutboxOptions {
  /**
   * claim the rows due at this time instead of the clock's (tests). Outcomes are always stamped
   * with the clock: processed_at is when that row was sent, a retry counts from its failure.
   */
  now?: Date;
  /** at most this many rows per call; default no limit: the call drains while rows are due */
  batchSize?: number;
  /** how long a claim lasts without a heartbeat (default OUTBOX_DEFAULTS.leaseMs) */
  leaseMs?: number;
  /** tries before a message fails for good (default 8) */
  maxAttempts?: number;
  /** rows of one kind handled at once (default: letters four times SMTP_POOL_SIZE, print jobs 2) */
  concurrency?: Partial<Record<OutboxKind, number>>;
  /** only this institution's rows (tests, or a per-tenant run); default all */
  institutionId?: number;
  /** once aborted, no further row is claimed; the rows in hand are finished and recorded */
  signal?: AbortSignal;
}

interface OutboxRunSummary {
  claimed: number;
  done: number;
  /** failed this time, back to pending with backoff */
  retried: number;
  failed: number;
  /** results not recorded because the lease ran out and another worker took the row */
  lost: number;
}

/*
 * The lease. A claim lasts 45 s and the worker renews it every 15 s while the handler runs (a
 * heartbeat), so a letter is never taken from a live worker however long its SMTP conversation
 * takes (the timeouts bound each wait, not the whole: a server answering slowly, or a large
 * attachment, can take longer), and the rows of a worker that crashed are claimed again within
 * 45 s plus one polling interval: under a minute. A lease merely longer than the SMTP timeouts
 * would either hand a slow letter to a second worker (a double send) or keep a crashed worker's
 * rows for minutes.
 */
export const OUTBOX_DEFAULTS = { leaseMs: 45_000, maxAttempts: 8, printConcurrency: 2 } as const;

/**
 * Rows handled at once per kind: its own lane each, so a hanging mail server never holds print
 * jobs. Letters run at four times the SMTP pool size: while the pool's connections carry some,
 * the others are being prepared (database, rendering) or recorded, and a letter spends most of its
 * time waiting for the database (at twice, 10,000 letters took 46 s on PostgreSQL; at four times,
 * 21 s); the pool itself caps the sends at once.
 */
export function outboxConcurrency(
  config: AppContext["config"],
  over: Partial<Record<OutboxKind, number>> = {},
): Record<OutboxKind, number> {
  return {
    letter: Math.max(1, over.letter ?? 4 * config.smtpPoolSize),
    print: Math.max(1, over.print ?? OUTBOX_DEFAULTS.printConcurrency),
  };
}

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

/** What to record for a claimed row: run its handler, or give up on it. Times come from the clock as it ends. */
async function attempt(
  ctx: AppContext,
  handlers: OutboxHandlers,
  row: OutboxRow,
  batch: OutboxBatch,
  maxAttempts: number,
): Promise<ClaimOutcome> {
  // A row whose earlier workers all died midway has used up its tries without ever failing.
  if (row.attempts > maxAttempts) {
    return {
      status: "failed",
      processed_at: ctx.clock.now().toISOString(),
      last_error: `Gave up after ${maxAttempts} attempts: the worker stopped while sending it.`,
    };
  }
  const log = ctx.log.child({ outbox_id: row.id, kind: row.kind, topic: row.topic, attempt: row.attempts });
  try {
    await handlers[row.kind]!(toMessage(row), ctx, batch);
    return { status: "done", processed_at: ctx.clock.now().toISOString() };
  } catch (err) {
    const at = ctx.clock.now();
    const lastError = errorText(err);
    if (err instanceof PermanentDeliveryError || row.attempts >= maxAttempts) {
      log.warn({ err }, "outbox message failed for good");
      return { status: "failed", processed_at: at.toISOString(), last_error: lastError };
    }
    const next = new Date(at.getTime() + backoffMs(row.attempts)).toISOString();
    log.info({ err, next_attempt_at: next }, "outbox message failed; will retry");
    return { status: "pending", next_attempt_at: next, last_error: lastError };
  }
}

/** The claimed rows as messages, for their handlers to share reads (a row that cannot be one fails alone). */
function batchOf(rows: OutboxRow[]): OutboxBatch {
  const messages: OutboxMessage[] = [];
  for (const row of rows) {
    try {
      messages.push(toMessage(row));
    } catch {
      // attempt() records why
    }
  }
  return outboxBatch(messages);
}

/**
 * Records outcomes as they come, those that come together in one statement (groupCommit). Each
 * outcome is recorded only after its own handler finished, so a letter's row says done only once
 * its letter was sent; a crash before the write leaves the row to be claimed again after its
 * lease, and the letter's own record (letter_sends says sent) keeps it from going out twice.
 */
function settler(ctx: AppContext) {
  const write = groupCommit(async (settled: { claim: { id: number; attempts: number }; outcome: ClaimOutcome }[]) => {
    const recorded = await settleClaims(ctx.db, settled);
    return settled.map((s) => recorded.has(s.claim.id));
  });
  return (claim: { id: number; attempts: number }, outcome: ClaimOutcome) => write({ claim, outcome });
}

/**
 * One worker step: drains the due messages whose kind has a handler, each kind in its own lane
 * of bounded concurrency (outboxConcurrency), claiming rows as slots free up, and records each
 * outcome as it comes. Safe to run from several workers at once: a row is claimed by one of them
 * only, and its lease is renewed while its handler runs. Handlers run outside any transaction,
 * since sending cannot be rolled back.
 */
export async function processOutbox(
  outerCtx: AppContext,
  handlers: OutboxHandlers,
  options: ProcessOutboxOptions = {},
): Promise<OutboxRunSummary> {
  // The worker brings the SMTP pool it keeps for its life; any other caller gets one for this call.
  const ownMailer = outerCtx.mailer ? null : createMailer();
  const ctx: AppContext = ownMailer ? { ...outerCtx, mailer: ownMailer } : outerCtx;
  try {
    return await drain(ctx, handlers, options);
  } finally {
    ownMailer?.close();
  }
}

async function drain(
  ctx: AppContext,
  handlers: OutboxHandlers,
  options: ProcessOutboxOptions,
): Promise<OutboxRunSummary> {
  const leaseMs = options.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
  const maxAttempts = options.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
  const limits = outboxConcurrency(ctx.config, options.concurrency);
  const summary: OutboxRunSummary = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0 };
  const kinds = (Object.keys(handlers) as OutboxKind[]).filter((k) => handlers[k] !== undefined);
  /** rows this call may still claim, across lanes */
  let budget = options.batchSize ?? Number.POSITIVE_INFINITY;
  let failure: { error: unknown } | null = null;
  const stopping = () => failure !== null || options.signal?.aborted === true;
  const settle = settler(ctx);

  /** Runs one claimed row to its recorded outcome, renewing its lease meanwhile; never throws. */
  const run = async (row: OutboxRow, batch: OutboxBatch): Promise<void> => {
    const claim = { id: row.id, attempts: row.attempts };
    let finished = false;
    const heartbeat = setInterval(
      () => {
        renewLease(ctx.db, claim, new Date(ctx.clock.now().getTime() + leaseMs).toISOString()).then(
          (held) => {
            if (!held && !finished) ctx.log.warn({ outbox_id: row.id }, "outbox lease lost while sending");
          },
          (err: unknown) => ctx.log.warn({ err, outbox_id: row.id }, "outbox lease could not be renewed"),
        );
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      const outcome = await attempt(ctx, handlers, row, batch, maxAttempts);
      const recorded = await settle(claim, outcome);
      // a renewal answered after the outcome's write finds the row settled: not a lost lease
      finished = true;
      if (recorded) {
        summary[outcome.status === "pending" ? "retried" : outcome.status]++;
      } else {
        summary.lost++;
        ctx.log.warn(
          { outbox_id: row.id },
          "outbox lease ran out before the result was recorded; another worker has it",
        );
      }
    } catch (error) {
      // The outcome could not be recorded (the database failed): the row is claimed again after its lease.
      failure ??= { error };
    } finally {
      finished = true;
      clearInterval(heartbeat);
    }
  };

  const lane = async (kind: OutboxKind, limit: number): Promise<void> => {
    const inFlight = new Set<Promise<void>>();
    // Rows are claimed once half the lane is free (or all of it), so that one statement claims
    // several and their handlers share the batch's reads; the other half keeps sending meanwhile.
    // After a claim found fewer rows than it asked for, the next waits a second or an empty lane.
    const refillAt = Math.ceil(limit / 2);
    let quietUntil = 0;
    while (!stopping()) {
      const want = Math.min(limit - inFlight.size, budget);
      const time =
        inFlight.size === 0 ||
        (performance.now() >= quietUntil && (limit - inFlight.size >= refillAt || want === budget));
      if (want > 0 && time) {
        budget -= want;
        const now = options.now ?? ctx.clock.now();
        let rows: OutboxRow[];
        try {
          rows = await claimDueRows(ctx.db, {
            kinds: [kind],
            nowIso: now.toISOString(),
            leaseUntilIso: new Date(now.getTime() + leaseMs).toISOString(),
            limit: want,
            ...(options.institutionId !== undefined ? { institutionId: options.institutionId } : {}),
          });
        } catch (error) {
          failure ??= { error };
          break;
        } finally {
          budget += want;
        }
        budget -= rows.length;
        summary.claimed += rows.length;
        const batch = batchOf(rows);
        for (const row of rows) {
          const p: Promise<void> = run(row, batch).finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        if (rows.length === want) continue;
        quietUntil = performance.now() + 1000;
      }
      // Nothing more due (or no free slot): wait for a row in hand to finish, then look again.
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  };

  await Promise.all(kinds.map((kind) => lane(kind, limits[kind])));
  if (failure) throw (failure as { error: unknown }).error;
  return summary;
}

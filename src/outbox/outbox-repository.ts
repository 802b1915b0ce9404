import { sql, type QueryCreator, type Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import { dialectOf, valuesCell } from "../db/dialect.js";
import { preparedRows } from "../db/prepared.js";
import type { Database, OutboxStatus, OutboxTable } from "../db/schema.js";

export type OutboxRow = Selectable<OutboxTable>;
export type OutboxKind = OutboxTable["kind"];

export interface NewOutboxRow {
  institution_id: number;
  kind: OutboxKind;
  topic: string;
  request_id: number | null;
  payload: string;
  at: string;
}

const pendingRow = (v: NewOutboxRow) => ({
  institution_id: v.institution_id,
  kind: v.kind,
  topic: v.topic,
  request_id: v.request_id,
  payload: v.payload,
  status: "pending" as const,
  attempts: 0,
  next_attempt_at: v.at,
  last_error: null,
  created_at: v.at,
  processed_at: null,
});

export async function insertOutboxRow(db: Executor, v: NewOutboxRow): Promise<number> {
  const row = await db.insertInto("outbox").values(pendingRow(v)).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Several rows in one statement. */
export async function insertOutboxRows(db: Executor, rows: NewOutboxRow[]): Promise<void> {
  await outboxInsert(db, rows);
}

/**
 * The insert of several rows, for a statement that writes them with others (placement-repository.ts);
 * request_id may be an expression there.
 */
export const outboxInsertInto = <R extends Omit<NewOutboxRow, "request_id"> & { request_id: unknown }>(
  qb: QueryCreator<Database>,
  rows: R[],
) => qb.insertInto("outbox").values(rows.map((r) => pendingRow(r as NewOutboxRow)));

// Built once per number of rows: every request's first letters go through it.
const outboxInsert = preparedRows((db, rows: NewOutboxRow[]) => outboxInsertInto(db, rows));

/**
 * Claims up to `limit` due rows of the given kinds in one statement: a pending row whose
 * time has come, or a processing row whose lease ran out (its worker died). The claim marks
 * the row processing, counts the attempt and sets next_attempt_at to the end of the lease.
 *
 * PostgreSQL picks the rows in a materialized CTE with FOR UPDATE SKIP LOCKED, so concurrent
 * workers take different rows instead of queueing, and the pick runs exactly once (as an
 * `id IN (subquery)` the locking subquery may be re-run per row and claim far more than the
 * limit). SQLite runs the statement as one exclusive write, which is enough there.
 */
export async function claimDueRows(
  db: Executor,
  o: { kinds: OutboxKind[]; nowIso: string; leaseUntilIso: string; limit: number; institutionId?: number },
): Promise<OutboxRow[]> {
  if (o.kinds.length === 0 || o.limit <= 0) return [];
  const due = (qb: QueryCreator<Database>) =>
    qb
      .selectFrom("outbox")
      .select("id")
      // Written out, not bound, so that both databases see the condition of outbox_claim_ix (034).
      .where(sql<boolean>`status in ('pending', 'processing')`)
      .where("next_attempt_at", "<=", o.nowIso)
      .where("kind", "in", o.kinds)
      .$if(o.institutionId !== undefined, (q) => q.where("institution_id", "=", o.institutionId!))
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(o.limit);
  const claim = { status: "processing" as const, next_attempt_at: o.leaseUntilIso };
  const rows =
    dialectOf(db) === "postgres"
      ? await db
          .with(
            (cte) => cte("due").materialized(),
            (qb) =>
              due(qb as Executor)
                .forUpdate()
                .skipLocked(),
          )
          .updateTable("outbox")
          .from("due")
          .set((eb) => ({ ...claim, attempts: eb("outbox.attempts", "+", 1) }))
          .whereRef("outbox.id", "=", "due.id")
          .returningAll("outbox")
          .execute()
      : await db
          .updateTable("outbox")
          .set((eb) => ({ ...claim, attempts: eb("attempts", "+", 1) }))
          .where("id", "in", due(db))
          .returningAll()
          .execute();
  return rows.sort((a, b) => a.id - b.id);
}

export type ClaimOutcome =
  | { status: "done"; processed_at: string }
  | { status: "pending"; next_attempt_at: string; last_error: string }
  | { status: "failed"; processed_at: string; last_error: string };

/**
 * Records the outcomes of claimed attempts, several in one statement. A claim is identified by
 * its attempt number: when the lease ran out and another worker re-claimed the row, attempts has
 * moved on and that late result changes nothing. Returns the ids whose outcome was recorded.
 */
export async function settleClaims(
  db: Executor,
  settled: { claim: { id: number; attempts: number }; outcome: ClaimOutcome }[],
): Promise<Set<number>> {
  if (settled.length === 0) return new Set();
  const as = (value: unknown, type: string) => valuesCell(db, value, type);
  const rows = settled.map(({ claim, outcome: o }) => {
    const processedAt = o.status === "pending" ? null : o.processed_at;
    const next = o.status === "pending" ? o.next_attempt_at : null;
    const error = o.status === "done" ? null : o.last_error;
    return sql`(${as(claim.id, "bigint")}, ${as(claim.attempts, "integer")}, ${as(o.status, "text")}, ${as(processedAt, "timestamptz")}, ${as(next, "timestamptz")}, ${as(error, "text")})`;
  });
  const r = await sql<{ id: number }>`
    with v (id, attempts, status, processed_at, next_attempt_at, last_error) as (values ${sql.join(rows)})
    update outbox set
      status = v.status,
      processed_at = coalesce(v.processed_at, outbox.processed_at),
      next_attempt_at = coalesce(v.next_attempt_at, outbox.next_attempt_at),
      last_error = v.last_error
    from v
    where outbox.id = v.id and outbox.status = 'processing' and outbox.attempts = v.attempts
    returning outbox.id`.execute(db);
  return new Set(r.rows.map((row) => Number(row.id)));
}

/** One claim's outcome (settleClaims); false when another worker has re-claimed the row. */
export async function settleClaim(
  db: Executor,
  claim: { id: number; attempts: number },
  outcome: ClaimOutcome,
): Promise<boolean> {
  return (await settleClaims(db, [{ claim, outcome }])).has(claim.id);
}

/**
 * Extends the lease of a claim still being worked on (the worker's heartbeat). Like settleClaim,
 * it changes nothing once another worker has re-claimed the row (returns false).
 */
export async function renewLease(
  db: Executor,
  claim: { id: number; attempts: number },
  leaseUntilIso: string,
): Promise<boolean> {
  const r = await db
    .updateTable("outbox")
    .set({ next_attempt_at: leaseUntilIso })
    .where("id", "=", claim.id)
    .where("status", "=", "processing")
    .where("attempts", "=", claim.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listOutboxRows(
  db: Executor,
  institutionId: number,
  f: { status?: OutboxStatus; requestId?: number; limit: number },
): Promise<OutboxRow[]> {
  return db
    .selectFrom("outbox")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .$if(f.status !== undefined, (q) => q.where("status", "=", f.status!))
    .$if(f.requestId !== undefined, (q) => q.where("request_id", "=", f.requestId!))
    .orderBy("id", "desc")
    .limit(f.limit)
    .execute();
}

/** How many messages are in this status (the staff app's count of failed letters). */
export async function countOutboxRows(
  db: Executor,
  institutionId: number,
  f: { status: OutboxStatus },
): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("institution_id", "=", institutionId)
    .where("status", "=", f.status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOutboxRow(db: Executor, institutionId: number, id: number): Promise<OutboxRow | undefined> {
  return db
    .selectFrom("outbox")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Puts a failed row back in the queue with a fresh series of attempts; the last error stays visible. */
export async function requeueFailedRow(db: Executor, id: number, nowIso: string): Promise<OutboxRow | undefined> {
  return db
    .updateTable("outbox")
    .set({ status: "pending", attempts: 0, next_attempt_at: nowIso, processed_at: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .returningAll()
    .executeTakeFirst();
}

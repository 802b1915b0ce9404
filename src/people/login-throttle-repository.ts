import { sql } from "kysely";
import { sha256 } from "../auth/tokens.js";
import type { Executor } from "../db/database.js";
import { dialectOf } from "../db/dialect.js";
import type { LoginFailuresTable } from "../db/schema.js";

type FailureScope = LoginFailuresTable["scope"];

// Names Recto's sign-in throttle among the PostgreSQL advisory locks (any fixed number would do).
const LOCK_SPACE = 17017;
const lockKey = (scope: FailureScope, subject: string): number =>
  Buffer.from(sha256(`${scope}:${subject}`).slice(0, 8), "hex").readInt32BE(0);

/**
 * Serialises concurrent sign-ins on the same account or address, so that parallel guesses cannot
 * all read the count before any of them is recorded. Keys are taken in one order (no deadlock).
 * SQLite needs nothing: the transaction's first statement is a write, which waits for any other.
 */
export async function lockSubjects(db: Executor, subjects: [FailureScope, string][]): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  const keys = [...new Set(subjects.map(([scope, subject]) => lockKey(scope, subject)))].sort((a, b) => a - b);
  for (const key of keys) await sql`select pg_advisory_xact_lock(${LOCK_SPACE}::int, ${key}::int)`.execute(db);
}

export async function insertFailure(db: Executor, scope: FailureScope, subject: string, at: string): Promise<number> {
  const row = await db
    .insertInto("login_failures")
    .values({ scope, subject, failed_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** When the subject's other failures since `since` happened, most recent first. */
export async function failureTimes(
  db: Executor,
  scope: FailureScope,
  subject: string,
  since: string,
  exceptId: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("login_failures")
    .select("failed_at")
    .where("scope", "=", scope)
    .where("subject", "=", subject)
    .where("failed_at", ">", since)
    .where("id", "!=", exceptId)
    .orderBy("failed_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.failed_at);
}

export async function deleteFailure(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("login_failures").where("id", "=", id).execute();
}

export async function deleteSubjectFailures(db: Executor, scope: FailureScope, subject: string): Promise<void> {
  await db.deleteFrom("login_failures").where("scope", "=", scope).where("subject", "=", subject).execute();
}

export async function deleteFailuresBefore(db: Executor, before: string): Promise<void> {
  await db.deleteFrom("login_failures").where("failed_at", "<", before).execute();
}

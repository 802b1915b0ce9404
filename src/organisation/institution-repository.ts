import type { Executor } from "../db/database.js";
import { dialectOf } from "../db/dialect.js";
import { memoRead, primeMemo } from "../db/read-memo.js";
import { prepared } from "../db/prepared.js";

/** The one home of the `institutions` table's SQL, consortium membership included (DOMAIN 5.8). */

export interface InstitutionChanges {
  name?: string | undefined;
  time_zone?: string | undefined;
  default_language?: string | undefined;
  /** patrons may sign in with a password (026_sign_on) */
  patron_local_passwords?: boolean | undefined;
}

export interface NewInstitutionRow {
  code: string;
  name: string;
  time_zone: string;
  default_language: string;
}

export async function insertInstitution(db: Executor, v: NewInstitutionRow, at: string): Promise<number> {
  const row = await db
    .insertInto("institutions")
    .values({ ...v, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findInstitutionByCode(db: Executor, code: string) {
  return db.selectFrom("institutions").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function findInstitution(db: Executor, id: number) {
  return db.selectFrom("institutions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** What letters and slips need of their institution: its name, code and default language. */
export async function institutionLanguage(db: Executor, institutionId: number) {
  return db
    .selectFrom("institutions")
    .select(["name", "code", "default_language"])
    .where("id", "=", institutionId)
    .executeTakeFirstOrThrow();
}

/** The institution's time zone (IANA), whose days a date filter means. */
export async function institutionTimeZone(db: Executor, institutionId: number): Promise<string> {
  const row = await db
    .selectFrom("institutions")
    .select("time_zone")
    .where("id", "=", institutionId)
    .executeTakeFirstOrThrow();
  return row.time_zone;
}

export async function updateInstitution(db: Executor, id: number, v: InstitutionChanges, at: string) {
  const { patron_local_passwords: passwords, ...rest } = v;
  return db
    .updateTable("institutions")
    .set({ ...rest, ...(passwords === undefined ? {} : { patron_local_passwords: passwords ? 1 : 0 }), updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The first few institutions by code: enough to tell "none", "only one" and "several" apart. */
export async function firstInstitutions(db: Executor, limit: number) {
  return db.selectFrom("institutions").selectAll().orderBy("code").limit(limit).execute();
}

/** A cheap read that proves the database answers (the health check). */
export async function databaseAnswers(db: Executor): Promise<void> {
  await db.selectFrom("institutions").select("id").limit(1).execute();
}

// --- consortium membership (DOMAIN 5.8) ---

/** The consortium institution a member belongs to, with its code. */
export const consortiumRows = (db: Executor, v: { institutionId: number }) =>
  db
    .selectFrom("institutions as m")
    .innerJoin("institutions as c", "c.id", "m.consortium_id")
    .select(["c.id", "c.code"])
    .where("m.id", "=", v.institutionId);

// Built once: placement and the rules ask it every time (db/prepared.ts).
const consortiumQuery = prepared(consortiumRows);
const consortiumKey = (institutionId: number) => `consortium:${institutionId}`;

export async function consortiumOf(db: Executor, institutionId: number) {
  const rows = await memoRead(db, consortiumKey(institutionId), () => consortiumQuery(db, { institutionId }));
  return rows[0] ?? null;
}

/** consortiumOf's answer, read together with others (read-memo.ts). */
export function primeConsortium(db: Executor, institutionId: number, rows: { id: number; code: string }[]): void {
  primeMemo(db, consortiumKey(institutionId), rows);
}

export async function setConsortium(db: Executor, memberId: number, consortiumId: number | null): Promise<void> {
  await db.updateTable("institutions").set({ consortium_id: consortiumId }).where("id", "=", memberId).execute();
}

export async function hasMembers(db: Executor, institutionId: number): Promise<boolean> {
  return !!(await db
    .selectFrom("institutions")
    .select("id")
    .where("consortium_id", "=", institutionId)
    .executeTakeFirst());
}

/** The members of a consortium. */
export async function memberIds(db: Executor, consortiumId: number): Promise<number[]> {
  const rows = await db.selectFrom("institutions").select("id").where("consortium_id", "=", consortiumId).execute();
  return rows.map((r) => r.id);
}

/** Holds the institution's row until the transaction ends: changes that count across its users take turns. */
export async function lockInstitution(db: Executor, id: number): Promise<void> {
  // Its transactions begin immediate (sqlite-dialect.ts): the write lock is already held.
  if (dialectOf(db) !== "postgres") return;
  await db.selectFrom("institutions").select("id").where("id", "=", id).forUpdate().executeTakeFirst();
}

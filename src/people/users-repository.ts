import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";
import { dialectOf } from "../db/dialect.js";
import type { UsersTable } from "../db/schema.js";
import { requestPartsNamingUser } from "../requests/parts-repository.js";
import { anyRequestNames } from "../requests/repository.js";

export type UserValues = Pick<
  UsersTable,
  | "primary_id"
  | "first_name"
  | "last_name"
  | "email"
  | "user_group_id"
  | "preferred_language"
  | "status"
  | "expiry_date"
  | "password_hash"
> & { barcode?: string | null };

/** Where the keyset walk resumes: the last row of the previous page, in list order. */
export interface UserListPosition {
  lastName: string;
  firstName: string;
  id: number;
}

// Joins user_groups here (and in findPatron): a user is read with their group's code.
// The password hash never leaves the repository (but for `findUserForLogin`); callers learn only whether one is set.
const usersQuery = (db: Executor) =>
  db
    .selectFrom("users as u")
    .leftJoin("user_groups as g", "g.id", "u.user_group_id")
    .select((eb) => [
      "u.id",
      "u.institution_id",
      "u.primary_id",
      "u.first_name",
      "u.last_name",
      "u.email",
      "u.barcode",
      "u.user_group_id",
      "g.code as user_group",
      "g.name as user_group_name",
      "u.preferred_language",
      "u.status",
      "u.expiry_date",
      "u.created_at",
      "u.updated_at",
      eb.case().when("u.password_hash", "is", null).then(sql.lit(0)).else(sql.lit(1)).end().as("has_password"),
    ]);

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function findUser(db: Executor, institutionId: number, id: number) {
  return usersQuery(db).where("u.institution_id", "=", institutionId).where("u.id", "=", id).executeTakeFirst();
}

export async function getUser(db: Executor, id: number) {
  return usersQuery(db).where("u.id", "=", id).executeTakeFirstOrThrow();
}

export async function findUserByPrimaryId(db: Executor, institutionId: number, primaryId: string) {
  return usersQuery(db)
    .where("u.institution_id", "=", institutionId)
    .where("u.primary_id", "=", primaryId)
    .executeTakeFirst();
}

/**
 * The users (at most two: enough to tell "none", "one" and "more than one") whose primary id,
 * library card or email (without regard to case) is `value`: the account a sign-on matches.
 */
export async function findUsersByIdentifier(
  db: Executor,
  institutionId: number,
  field: "primary_id" | "barcode" | "email",
  value: string,
) {
  const q = usersQuery(db).where("u.institution_id", "=", institutionId);
  const matched =
    field === "email"
      ? q.where((eb) => eb(eb.fn("lower", ["u.email"]), "=", value.toLowerCase()))
      : q.where(`u.${field}`, "=", value);
  return matched.orderBy("u.id").limit(2).execute();
}

/** A user's id from the primary id (null: none in this institution). */
export async function findUserIdByPrimaryId(db: Executor, institutionId: number, primaryId: string) {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("primary_id", "=", primaryId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Who else holds this library card (null: nobody but, perhaps, `exceptId`). */
export async function findUserIdByBarcode(db: Executor, institutionId: number, barcode: string, exceptId?: number) {
  let q = db
    .selectFrom("users")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("barcode", "=", barcode);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst())?.id ?? null;
}

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of users in name order; fetches one extra row so the caller knows whether more follow. */
export async function listUsers(
  db: Executor,
  institutionId: number,
  filter: { q?: string; userGroupId?: number; after?: UserListPosition; limit: number },
) {
  let query = usersQuery(db).where("u.institution_id", "=", institutionId);
  if (filter.userGroupId !== undefined) query = query.where("u.user_group_id", "=", filter.userGroupId);
  if (filter.q) {
    // SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE for the same answer.
    const like = dialectOf(db) === "postgres" ? sql`ilike` : sql`like`;
    const pattern = likePattern(filter.q);
    query = query.where(({ or }) =>
      or(
        ["u.primary_id", "u.first_name", "u.last_name", "u.email", "u.barcode"]
          .map((col) => sql<boolean>`${sql.ref(col)} ${like} ${pattern} escape '\\'`)
          .concat(sql<boolean>`(u.first_name || ' ' || u.last_name) ${like} ${pattern} escape '\\'`),
      ),
    );
  }
  if (filter.after) {
    const a = filter.after;
    query = query.where((eb) =>
      eb(eb.refTuple("u.last_name", "u.first_name", "u.id"), ">", eb.tuple(a.lastName, a.firstName, a.id)),
    );
  }
  return query
    .orderBy("u.last_name")
    .orderBy("u.first_name")
    .orderBy("u.id")
    .limit(filter.limit + 1)
    .execute();
}

export async function insertUser(db: Executor, institutionId: number, v: UserValues, at: string): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Executor, id: number, v: Partial<UserValues>, at: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .execute();
}

/**
 * Serialises changes to one user's grants. SQLite runs one write transaction at a time, so
 * only PostgreSQL needs the row lock.
 */
export async function lockUser(db: Executor, id: number): Promise<void> {
  // Its transactions begin immediate (sqlite-dialect.ts): the write lock is already held.
  if (dialectOf(db) !== "postgres") return;
  await lockUserQuery(db, { id });
}

const lockUserQuery = prepared((db, v: { id: number }) =>
  db.selectFrom("users").select("id").where("id", "=", v.id).forUpdate(),
);

/** Who a session or API key speaks for: what auth/repository.ts (`loadActor`) builds the Actor from. */
export async function findUserIdentity(db: Executor, id: number) {
  return db
    .selectFrom("users")
    .select(["id", "institution_id", "primary_id", "status", "preferred_language"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The one read that returns the password hash: for the login check only (people/login.ts). */
// Joins institutions here: a person signs in with their institution's code, and the answer is a user.
export async function findUserForLogin(db: Executor, institutionCode: string, primaryId: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("institutions as i", "i.id", "u.institution_id")
    .select(["u.id", "u.institution_id", "u.password_hash", "u.status", "i.patron_local_passwords"])
    .where("i.code", "=", institutionCode)
    .where("u.primary_id", "=", primaryId)
    .executeTakeFirst();
}

/** A patron as placing a request sees them: status, expiry, email and group code. */
const PATRON_COLUMNS = [
  "u.id",
  "u.primary_id",
  "u.status",
  "u.expiry_date",
  "u.email",
  "g.code as group_code",
] as const;

// Built once: every placement reads its patron.
const patronQuery = prepared((db, v: { institutionId: number; userId: number }) =>
  db
    .selectFrom("users as u")
    .leftJoin("user_groups as g", "g.id", "u.user_group_id")
    .select(PATRON_COLUMNS)
    .where("u.institution_id", "=", v.institutionId)
    .where("u.id", "=", v.userId),
);

export async function findPatron(db: Executor, institutionId: number, userId: number) {
  return (await patronQuery(db, { institutionId, userId }))[0];
}

/**
 * The patron and how many of their blocks are in force now, in one statement: placing a request
 * and offering services ask both (placement-repository.ts adds to it on PostgreSQL).
 */
export const patronStandingRows = (db: Executor, v: { institutionId: number; userId: number; nowIso: string }) =>
  db
    .selectFrom("users as u")
    .leftJoin("user_groups as g", "g.id", "u.user_group_id")
    .select(PATRON_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("user_blocks as b")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("b.user_id", "=", "u.id")
        .where((w) => w.or([w("b.expires_at", "is", null), w("b.expires_at", ">", v.nowIso)]))
        .as("active_blocks"),
    )
    .where("u.institution_id", "=", v.institutionId)
    .where("u.id", "=", v.userId);

const patronStandingQuery = prepared(patronStandingRows);

/** A patron as findPatron reads them, with `active_blocks`: how many of their blocks are in force at `now`. */
export async function findPatronStanding(db: Executor, institutionId: number, userId: number, now: Date) {
  const row = (await patronStandingQuery(db, { institutionId, userId, nowIso: now.toISOString() }))[0];
  return row ? patronStanding(row) : undefined;
}

/** A row of patronStandingRows as findPatronStanding answers it. */
export function patronStanding<R extends { active_blocks: unknown }>(row: R) {
  return { ...row, active_blocks: Number(row.active_blocks ?? 0) };
}

/** How many users belong to any of these groups (a group with members cannot be deleted). */
export async function countGroupMembers(db: Executor, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_group_id", "in", ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Request records that name the user; a user who appears in any of them cannot be deleted. */
export async function userRequestReferences(db: Executor, id: number): Promise<string[]> {
  const used: string[] = [];
  if (await anyRequestNames(db, "user_id", id)) used.push("requests");
  if (await anyRequestNames(db, "placed_by_user_id", id)) used.push("requests placed for others");
  return used.concat(await requestPartsNamingUser(db, id));
}

/** Sessions, API keys, blocks and role assignments go with the user (ON DELETE CASCADE). */
export async function deleteUser(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("users").where("id", "=", id).execute();
}

/** The languages the institution's active users prefer, each once (letters are written in them). */
export async function preferredLanguages(db: Executor, institutionId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("preferred_language")
    .distinct()
    .where("institution_id", "=", institutionId)
    .where("status", "=", "ACTIVE")
    .where("preferred_language", "is not", null)
    .orderBy("preferred_language")
    .execute();
  return rows.map((r) => r.preferred_language).filter((l): l is string => !!l?.trim());
}

/** Every user of the institution with the fields a bulk load compares (one read, not one per row). */
export async function listUsersForImport(db: Executor, institutionId: number) {
  return db
    .selectFrom("users")
    .select([
      "id",
      "primary_id",
      "first_name",
      "last_name",
      "email",
      "user_group_id",
      "preferred_language",
      "status",
      "expiry_date",
      "barcode",
    ])
    .where("institution_id", "=", institutionId)
    .execute();
}

/** Several new users in one statement (the caller keeps each batch under the drivers' parameter limits). */
export async function insertUsers(db: Executor, institutionId: number, rows: UserValues[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("users")
    .values(rows.map((v) => ({ institution_id: institutionId, ...v, created_at: at, updated_at: at })))
    .execute();
}

/** Ends these users' entitlement on `date` (a bulk load that no longer lists them). */
export async function expireUsers(db: Executor, ids: number[], date: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("users").set({ expiry_date: date, updated_at: at }).where("id", "in", ids).execute();
}

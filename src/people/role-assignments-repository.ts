import type { ExpressionBuilder } from "kysely";
import type { Executor } from "../db/database.js";
import type { Database, RoleCode, ScopeType } from "../db/schema.js";

export interface GrantValues {
  role: RoleCode;
  scope_type: ScopeType;
  scope_id: number | null;
}

// Each assignment comes with the code and name of what it is scoped to, so lists read well.
const assignmentsQuery = (db: Executor) =>
  db
    .selectFrom("role_assignments as r")
    .leftJoin("libraries as l", (j) => j.onRef("l.id", "=", "r.scope_id").on("r.scope_type", "=", "library"))
    .leftJoin("circulation_desks as d", (j) => j.onRef("d.id", "=", "r.scope_id").on("r.scope_type", "=", "desk"))
    .leftJoin("departments as p", (j) => j.onRef("p.id", "=", "r.scope_id").on("r.scope_type", "=", "department"))
    .select((eb) => [
      "r.id",
      "r.user_id",
      "r.role",
      "r.scope_type",
      "r.scope_id",
      "r.created_at",
      eb.fn.coalesce("l.code", "d.code", "p.code").as("scope_code"),
      eb.fn.coalesce("l.name", "d.name", "p.name").as("scope_name"),
    ]);

export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

export async function listAssignments(db: Executor, userId: number) {
  return assignmentsQuery(db).where("r.user_id", "=", userId).orderBy("r.id").execute();
}

// Joins users here: the institution's overview names who holds each grant.
/** The institution's grants with their holders, by holder name, then role; one more than `limit` to tell of more. */
export async function listInstitutionAssignments(
  db: Executor,
  institutionId: number,
  filter: { role?: RoleCode; scopeType?: ScopeType; scopeId?: number; limit: number },
) {
  let q = assignmentsQuery(db)
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["u.primary_id", "u.first_name", "u.last_name", "u.status"])
    .where("r.institution_id", "=", institutionId);
  if (filter.role) q = q.where("r.role", "=", filter.role);
  if (filter.scopeType) q = q.where("r.scope_type", "=", filter.scopeType);
  if (filter.scopeId !== undefined) q = q.where("r.scope_id", "=", filter.scopeId);
  return q
    .orderBy("u.last_name")
    .orderBy("u.first_name")
    .orderBy("u.id")
    .orderBy("r.role")
    .orderBy("r.id")
    .limit(filter.limit + 1)
    .execute();
}

export async function getAssignment(db: Executor, id: number) {
  return assignmentsQuery(db).where("r.id", "=", id).executeTakeFirstOrThrow();
}

export async function findAssignment(db: Executor, institutionId: number, userId: number, id: number) {
  return db
    .selectFrom("role_assignments")
    .select(["id", "role", "scope_type", "scope_id"])
    .where("institution_id", "=", institutionId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** How many active users hold the institution-wide General System Administrator role, leaving one grant out. */
export async function countOtherActiveAdministrators(
  db: Executor,
  institutionId: number,
  leaving: { assignmentId: number } | { userId: number },
): Promise<number> {
  const row = await db
    .selectFrom("role_assignments as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select((eb) => eb.fn.count<number>("r.user_id").distinct().as("n"))
    .where("r.institution_id", "=", institutionId)
    .where("r.role", "=", "GENERAL_SYSTEM_ADMINISTRATOR")
    .where("r.scope_type", "=", "institution")
    .$if("assignmentId" in leaving, (q) => q.where("r.id", "!=", (leaving as { assignmentId: number }).assignmentId))
    .$if("userId" in leaving, (q) => q.where("r.user_id", "!=", (leaving as { userId: number }).userId))
    .where("u.status", "=", "ACTIVE")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the user holds the institution-wide General System Administrator role. */
export async function isAdministrator(db: Executor, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("role_assignments")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", "GENERAL_SYSTEM_ADMINISTRATOR")
    .where("scope_type", "=", "institution")
    .executeTakeFirst();
  return row !== undefined;
}

/** The user's grants of exactly this role and scope (made twice by other means, there may be two). */
const sameGrant = (userId: number, g: GrantValues) => (eb: ExpressionBuilder<Database, "role_assignments">) =>
  eb.and([
    eb("user_id", "=", userId),
    eb("role", "=", g.role),
    eb("scope_type", "=", g.scope_type),
    eb("scope_id", g.scope_id === null ? "is" : "=", g.scope_id),
  ]);

export async function findSameGrant(db: Executor, userId: number, g: GrantValues) {
  return db.selectFrom("role_assignments").select("id").where(sameGrant(userId, g)).executeTakeFirst();
}

/** Returns how many grants were removed: zero means the user did not hold it. */
export async function deleteSameGrants(db: Executor, userId: number, g: GrantValues): Promise<number> {
  const res = await db.deleteFrom("role_assignments").where(sameGrant(userId, g)).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function insertAssignment(
  db: Executor,
  user: { id: number; institution_id: number },
  g: GrantValues,
  at: string,
): Promise<number> {
  const row = await db
    .insertInto("role_assignments")
    .values({ institution_id: user.institution_id, user_id: user.id, ...g, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteAssignment(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("role_assignments").where("id", "=", id).execute();
}

/** Removes every grant scoped to a desk or department that is being deleted: they would point at nothing. */
export async function deleteAssignmentsScopedTo(
  db: Executor,
  scopeType: "desk" | "department",
  scopeId: number,
): Promise<void> {
  await db.deleteFrom("role_assignments").where("scope_type", "=", scopeType).where("scope_id", "=", scopeId).execute();
}

// Joins circulation_desks here: a desk grant reaches the desk's library, and the Actor needs to know which.
/** A user's grants, in the order they were made: what the Actor may do. */
export async function grantsOfUser(db: Executor, userId: number) {
  return db
    .selectFrom("role_assignments as r")
    .leftJoin("circulation_desks as d", (j) => j.onRef("d.id", "=", "r.scope_id").on("r.scope_type", "=", "desk"))
    .select(["r.role", "r.scope_type", "r.scope_id", "d.library_id as desk_library_id"])
    .where("r.user_id", "=", userId)
    .orderBy("r.id")
    .execute();
}

// Joins users here: the answer is who holds a grant, with the names a list of them shows.
/** The users holding this role in any of these scopes, by name; distinct, so a grant made twice lists its holder once. */
export async function listGrantHolders(
  db: Executor,
  grant: { role: RoleCode; scope_type: ScopeType },
  scopeIds: number[],
) {
  if (scopeIds.length === 0) return [];
  return db
    .selectFrom("role_assignments as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .distinct()
    .select(["r.scope_id", "u.id as user_id", "u.primary_id", "u.first_name", "u.last_name", "u.email"])
    .where("r.role", "=", grant.role)
    .where("r.scope_type", "=", grant.scope_type)
    .where("r.scope_id", "in", scopeIds)
    .orderBy("u.last_name")
    .orderBy("u.first_name")
    .orderBy("u.id")
    .execute();
}

// Joins users for their status only: the answer is which grants hold at places, not who the users are.
/** The grants scoped to a department or a desk held by active users: who works at each place. */
export async function activePlaceGrants(db: Executor, institutionId: number) {
  return db
    .selectFrom("role_assignments as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["r.role", "r.scope_type", "r.scope_id", "r.user_id"])
    .where("r.institution_id", "=", institutionId)
    .where("r.scope_type", "in", ["department", "desk"])
    .where("u.status", "=", "ACTIVE")
    .execute();
}

/** The institution's users who hold any role: staff, whom a patron load never expires. */
export async function userIdsWithRoles(db: Executor, institutionId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom("role_assignments")
    .select("user_id")
    .distinct()
    .where("institution_id", "=", institutionId)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

import type { Executor } from "../db/database.js";
import type { RoleCode, ScopeType } from "../db/schema.js";

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

export async function findSameGrant(db: Executor, userId: number, g: GrantValues) {
  return db
    .selectFrom("role_assignments")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", g.role)
    .where("scope_type", "=", g.scope_type)
    .where("scope_id", g.scope_id === null ? "is" : "=", g.scope_id)
    .executeTakeFirst();
}

/** Whether a library, desk or department with this id belongs to the institution. */
export async function scopeExists(
  db: Executor,
  institutionId: number,
  scopeType: Exclude<ScopeType, "institution">,
  scopeId: number,
): Promise<boolean> {
  const table = ({ library: "libraries", desk: "circulation_desks", department: "departments" } as const)[scopeType];
  const row = await db
    .selectFrom(table)
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("id", "=", scopeId)
    .executeTakeFirst();
  return row !== undefined;
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

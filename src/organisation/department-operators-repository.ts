import type { Executor } from "../db/database.js";

/*
 * A department's operators are the users holding WORK_ORDER_OPERATOR scoped to it (DOMAIN 1,
 * 2): the role assignment is the membership, so there is no operators table to drift from it.
 */
const operatorGrant = { role: "WORK_ORDER_OPERATOR", scope_type: "department" } as const;

// Joins users here: the answer is a department's operator list, not a user (see docs/architecture.md).
/** Distinct, so that a grant made twice by other means still lists the operator once. */
export async function listOperators(db: Executor, departmentIds: number[]) {
  if (departmentIds.length === 0) return [];
  return db
    .selectFrom("role_assignments as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .distinct()
    .select([
      "r.scope_id as department_id",
      "u.id as user_id",
      "u.primary_id",
      "u.first_name",
      "u.last_name",
      "u.email",
    ])
    .where("r.role", "=", operatorGrant.role)
    .where("r.scope_type", "=", operatorGrant.scope_type)
    .where("r.scope_id", "in", departmentIds)
    .orderBy("u.last_name")
    .orderBy("u.first_name")
    .orderBy("u.id")
    .execute();
}

export async function isOperator(db: Executor, departmentId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("role_assignments")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", operatorGrant.role)
    .where("scope_type", "=", operatorGrant.scope_type)
    .where("scope_id", "=", departmentId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function insertOperatorGrant(
  db: Executor,
  institutionId: number,
  departmentId: number,
  userId: number,
  at: string,
): Promise<void> {
  await db
    .insertInto("role_assignments")
    .values({
      institution_id: institutionId,
      user_id: userId,
      ...operatorGrant,
      scope_id: departmentId,
      created_at: at,
    })
    .execute();
}

/** Returns how many grants were removed: zero means the user was not an operator. */
export async function deleteOperatorGrants(db: Executor, departmentId: number, userId: number): Promise<number> {
  const res = await db
    .deleteFrom("role_assignments")
    .where("user_id", "=", userId)
    .where("role", "=", operatorGrant.role)
    .where("scope_type", "=", operatorGrant.scope_type)
    .where("scope_id", "=", departmentId)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { notFound } from "../errors.js";
import { findUser, lockUser } from "../people/users-repository.js";
import { deleteSameGrants, findSameGrant, insertAssignment } from "../people/role-assignments-repository.js";
import { listOperators, operatorGrant, type OperatorView, toOperatorView } from "./department-view.js";
import { loadDepartment } from "./departments.js";

/**
 * A department's operators (DOMAIN 1): adding one grants the Work Order Operator role scoped
 * to the department, removing one takes it away, in the same transaction.
 */

export async function listDepartmentOperators(db: Db, actor: Actor, departmentId: number): Promise<OperatorView[]> {
  await loadDepartment(db, actor, departmentId);
  authorize(actor, "configuration.read");
  return (await listOperators(db, [departmentId])).map(toOperatorView);
}

/**
 * Idempotent: adding a user who already is an operator changes nothing and reports
 * `created: false`, so a client can retry safely.
 */
export async function addDepartmentOperator(
  db: Db,
  actor: Actor,
  departmentId: number,
  userId: number,
  now: Date,
): Promise<{ operator: OperatorView; created: boolean }> {
  await loadDepartment(db, actor, departmentId);
  authorize(actor, "fulfillment.manage");
  return db.transaction().execute(async (tx) => {
    const user = await findUser(tx, actor.institutionId, userId);
    if (!user) throw notFound("user");
    // The same lock as granting a role through the people API, so neither path can add a second grant.
    await lockUser(tx, userId);
    const operator = toOperatorView({ user_id: user.id, ...user });
    if (await findSameGrant(tx, userId, operatorGrant(departmentId))) return { operator, created: false };
    await insertAssignment(tx, user, operatorGrant(departmentId), now.toISOString());
    return { operator, created: true };
  });
}

export async function removeDepartmentOperator(db: Db, actor: Actor, departmentId: number, userId: number) {
  await loadDepartment(db, actor, departmentId);
  authorize(actor, "fulfillment.manage");
  await db.transaction().execute(async (tx) => {
    if ((await deleteSameGrants(tx, userId, operatorGrant(departmentId))) === 0)
      throw notFound("operator of this department");
  });
}

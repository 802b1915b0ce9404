import type { Actor } from "../auth/actor.js";
import { authorize, can } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { uniqueOr } from "./duplicates.js";
import * as repo from "./user-groups-repository.js";
import type { UserGroupValues } from "./user-groups-repository.js";

/** Use cases for user groups and their patron limit (DOMAIN 2 and 5.3). */

const duplicateCode = (code: string) => `A user group with code ${code} already exists.`;

/** DOMAIN 5.3: null is no limit, 0 shuts the group out of digitization, N caps active requests. */
export function describeLimit(max: number | null): string {
  if (max === null) return "No limit on active digitization requests.";
  if (max === 0) return "Cannot request digitization.";
  return `At most ${max} active digitization request${max === 1 ? "" : "s"} at a time.`;
}

export async function listUserGroups(db: Db, actor: Actor) {
  authorize(actor, "configuration.read");
  return repo.listUserGroups(db, actor.institutionId);
}

export async function loadUserGroup(db: Db, actor: Actor, id: number) {
  const group = await repo.findUserGroup(db, actor.institutionId, id);
  if (!group) throw notFound("user group");
  return group;
}

export async function readUserGroup(db: Db, actor: Actor, id: number) {
  const group = await loadUserGroup(db, actor, id);
  authorize(actor, "configuration.read");
  return group;
}

export async function createUserGroup(db: Db, actor: Actor, input: UserGroupValues, now: Date) {
  authorize(actor, "people.manage");
  return uniqueOr("code", duplicateCode(input.code), () =>
    repo.insertUserGroup(db, actor.institutionId, input, now.toISOString()),
  );
}

/**
 * Patron limits are fulfillment configuration, so a change that touches only
 * max_digitization_requests is open to fulfillment administrators as well.
 */
export async function updateUserGroup(db: Db, actor: Actor, id: number, input: Partial<UserGroupValues>, now: Date) {
  await loadUserGroup(db, actor, id);
  const onlyLimit = Object.keys(input).every((k) => k === "max_digitization_requests");
  if (!(onlyLimit && can(actor, "fulfillment.manage"))) authorize(actor, "people.manage");
  return uniqueOr("code", duplicateCode(input.code ?? ""), () =>
    repo.updateUserGroup(db, id, input, now.toISOString()),
  );
}

export async function deleteUserGroup(db: Db, actor: Actor, id: number): Promise<void> {
  await loadUserGroup(db, actor, id);
  authorize(actor, "people.manage");
  await db.transaction().execute(async (tx) => {
    const members = await repo.countGroupMembers(tx, id);
    if (members > 0) {
      throw new AppError("IN_USE", {
        message: `The user group still has ${members} user${members === 1 ? "" : "s"}; move them to another group first.`,
        details: { users: members },
      });
    }
    await repo.deleteUserGroup(tx, id);
  });
}

import type { Actor } from "../auth/actor.js";
import { authorize, authorizeUserGroupChange } from "../auth/policy.js";
import type { Db, Executor } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { insertGroupLimitRow } from "../rules/tables/patron-limit-rows.js";
import {
  deleteGroupRow,
  limitsOf,
  renameGroupRow,
  setGroupLimit,
  touchLimitTable,
} from "../rules/tables/patron-limits.js";
import { uniqueOr } from "./duplicates.js";
import { mirrorToMembers, releaseMirrors, updateMirrors } from "./shared-user-groups.js";
import { consortiumOf } from "../organisation/institution-repository.js";
import * as repo from "./user-groups-repository.js";
import { countGroupMembers } from "./users-repository.js";

/**
 * Use cases for user groups (DOMAIN 2) and their patron limit (5.3), which lives in the group's
 * row of the patron limits rule table; `max_digitization_requests` here reads and writes that row.
 */

interface UserGroupInput {
  code: string;
  name: string;
  max_digitization_requests?: number | null | undefined;
  shared?: boolean | undefined;
}

export interface UserGroupView extends repo.UserGroupRow {
  max_digitization_requests: number | null;
  limit_rule: { id: number; name: string } | null;
  consortium: string | null;
}

const duplicateCode = (code: string) => `A user group with code ${code} already exists.`;

async function present(db: Executor, institutionId: number, groups: repo.UserGroupRow[]): Promise<UserGroupView[]> {
  const limits = await limitsOf(
    db,
    institutionId,
    groups.map((g) => g.code),
  );
  const consortium = groups.some((g) => g.consortium_group_id !== null) ? await consortiumOf(db, institutionId) : null;
  return groups.map((g) => {
    const d = limits.get(g.code)!;
    return {
      ...g,
      max_digitization_requests: d.output.max_digitization_requests,
      limit_rule: d.ruleId === null ? null : { id: d.ruleId, name: d.ruleName! },
      consortium: g.consortium_group_id !== null ? (consortium?.code ?? null) : null,
    };
  });
}

const presentOne = async (db: Executor, institutionId: number, g: repo.UserGroupRow) =>
  (await present(db, institutionId, [g]))[0]!;

export async function listUserGroups(db: Db, actor: Actor) {
  authorize(actor, "configuration.read");
  return present(db, actor.institutionId, await repo.listUserGroups(db, actor.institutionId));
}

async function loadUserGroup(db: Executor, actor: Actor, id: number) {
  const group = await repo.findUserGroup(db, actor.institutionId, id);
  if (!group) throw notFound("user group");
  return group;
}

export async function readUserGroup(db: Db, actor: Actor, id: number) {
  const group = await loadUserGroup(db, actor, id);
  authorize(actor, "configuration.read");
  return presentOne(db, actor.institutionId, group);
}

/** Only a consortium shares groups: a member's groups are its own. */
async function assertMayShare(db: Executor, actor: Actor) {
  const consortium = await consortiumOf(db, actor.institutionId);
  if (consortium) {
    const message = `only a consortium can share a user group; this institution is a member of ${consortium.code}`;
    throw new AppError("VALIDATION_FAILED", { message, fields: [{ field: "shared", message }] });
  }
}

const refuseCopy = (g: repo.UserGroupRow, consortium: string | null) =>
  new AppError("RULE_LOCKED", {
    message: `User group ${g.code} is shared by consortium ${consortium ?? "(unknown)"}; it and its patron limit are changed there, not in member institutions.`,
  });

export async function createUserGroup(db: Db, actor: Actor, input: UserGroupInput, now: Date) {
  authorize(actor, "people.manage");
  if (input.shared) await assertMayShare(db, actor);
  const at = now.toISOString();
  const group = await uniqueOr("code", duplicateCode(input.code), () =>
    db.transaction().execute(async (tx) => {
      const g = await repo.insertUserGroup(
        tx,
        actor.institutionId,
        { code: input.code, name: input.name, shared: input.shared ? 1 : 0 },
        at,
      );
      await insertGroupLimitRow(
        tx,
        actor.institutionId,
        g.code,
        input.max_digitization_requests ?? null,
        at,
        actor.via === "system" ? null : actor.userId,
      );
      if (g.shared === 1) await mirrorToMembers(tx, g, at);
      return g;
    }),
  );
  return presentOne(db, actor.institutionId, group);
}

/**
 * Patron limits are fulfillment configuration, so a change that touches only
 * max_digitization_requests is open to fulfillment administrators as well.
 */
export async function updateUserGroup(db: Db, actor: Actor, id: number, input: Partial<UserGroupInput>, now: Date) {
  const group = await loadUserGroup(db, actor, id);
  const onlyLimit = Object.keys(input).every((k) => k === "max_digitization_requests");
  authorizeUserGroupChange(actor, onlyLimit);
  if (group.consortium_group_id !== null) {
    throw refuseCopy(group, (await consortiumOf(db, actor.institutionId))?.code ?? null);
  }
  if (input.shared === true && group.shared !== 1) await assertMayShare(db, actor);
  const at = now.toISOString();
  const updated = await uniqueOr("code", duplicateCode(input.code ?? ""), () =>
    db.transaction().execute(async (tx) => {
      const g = await repo.updateUserGroup(
        tx,
        id,
        {
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.shared !== undefined ? { shared: input.shared ? 1 : 0 } : {}),
        },
        at,
      );
      if (g.code !== group.code) await renameGroupRow(tx, actor, group.code, g.code, at);
      if (input.max_digitization_requests !== undefined) {
        await setGroupLimit(tx, actor, g.code, input.max_digitization_requests, at);
      }
      if (group.shared !== g.shared) await touchLimitTable(tx, actor.institutionId, at);
      if (group.shared === 1 && g.shared === 0) await releaseMirrors(tx, g, at);
      else if (g.shared === 1 && group.shared === 0) await mirrorToMembers(tx, g, at);
      else if (g.shared === 1) await updateMirrors(tx, g, at);
      return g;
    }),
  );
  return presentOne(db, actor.institutionId, updated);
}

export async function deleteUserGroup(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  const group = await loadUserGroup(db, actor, id);
  authorize(actor, "people.manage");
  if (group.consortium_group_id !== null) {
    throw refuseCopy(group, (await consortiumOf(db, actor.institutionId))?.code ?? null);
  }
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    const members = await countGroupMembers(tx, [group.id]);
    if (members > 0) {
      throw new AppError("IN_USE", {
        message: `The user group still has ${members} user${members === 1 ? "" : "s"}; move them to another group first.`,
        details: { users: members },
      });
    }
    const copies = await repo.mirrorsOf(tx, group.id);
    const inMembers = await countGroupMembers(
      tx,
      copies.map((c) => c.id),
    );
    if (inMembers > 0) {
      throw new AppError("IN_USE", {
        message: `The shared user group still has ${inMembers} user${inMembers === 1 ? "" : "s"} in member institutions; they must move them to another group first.`,
        details: { member_users: inMembers },
      });
    }
    await repo.deleteUserGroups(
      tx,
      copies.map((c) => c.id),
    );
    await deleteGroupRow(tx, actor, group.code, at);
    await repo.deleteUserGroups(tx, [group.id]);
  });
}

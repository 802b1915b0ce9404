import type { Executor } from "../db/database.js";
import { insertGroupLimitRow, isGroupRow, patronLimitTableId } from "../rules/tables/patron-limit-rows.js";
import { decideLimit } from "../rules/tables/patron-limits.js";
import { listRules } from "../rules/tables/repository.js";
import { memberIds } from "../organisation/institution-repository.js";
import * as repo from "./user-groups-repository.js";

/**
 * A consortium's shared user groups (DOMAIN 5.8): every member holds a copy that points at the
 * consortium's group, so its patrons can belong to it and the consortium's patron-limit row
 * (inherited like every consortium rule) applies to them. The copy is read-only in the member.
 * A member that already has a group with the same code has it taken over, not duplicated.
 */

async function mirrorIntoMember(tx: Executor, group: repo.UserGroupRow, memberId: number, at: string) {
  const existing = await repo.findUserGroupByCode(tx, memberId, group.code);
  if (existing) {
    await repo.updateUserGroup(tx, existing.id, { name: group.name, shared: 0, consortium_group_id: group.id }, at);
  } else {
    await repo.insertUserGroup(tx, memberId, { code: group.code, name: group.name, consortium_group_id: group.id }, at);
  }
}

export async function mirrorToMembers(tx: Executor, group: repo.UserGroupRow, at: string) {
  for (const memberId of await memberIds(tx, group.institution_id)) await mirrorIntoMember(tx, group, memberId, at);
}

/** A renamed shared group is renamed in every member. */
export async function updateMirrors(tx: Executor, group: repo.UserGroupRow, at: string) {
  for (const copy of await repo.mirrorsOf(tx, group.id)) {
    await repo.updateUserGroup(tx, copy.id, { code: group.code, name: group.name }, at);
  }
}

/**
 * A copy that stops being shared becomes the member's own group, keeping the limit the
 * consortium gave it as the member's own row, so its patrons' limit does not change silently.
 */
async function release(tx: Executor, copy: repo.UserGroupRow, consortiumId: number, at: string) {
  await repo.updateUserGroup(tx, copy.id, { consortium_group_id: null }, at);
  const tableId = await patronLimitTableId(tx, copy.institution_id);
  if ((await listRules(tx, tableId)).some((r) => isGroupRow(r.conditions, copy.code))) return;
  const limit = await decideLimit(tx, consortiumId, copy.code);
  await insertGroupLimitRow(tx, copy.institution_id, copy.code, limit.output.max_digitization_requests, at, null);
}

export async function releaseMirrors(tx: Executor, group: repo.UserGroupRow, at: string) {
  for (const copy of await repo.mirrorsOf(tx, group.id)) await release(tx, copy, group.institution_id, at);
}

/** Joining (consortiumId) or leaving (null) a consortium: take its shared groups, or let them go. */
export async function syncMemberGroups(
  tx: Executor,
  memberId: number,
  previousConsortiumId: number | null,
  consortiumId: number | null,
  at: string,
) {
  if (previousConsortiumId !== null && previousConsortiumId !== consortiumId) {
    for (const copy of await repo.mirroredGroups(tx, memberId)) await release(tx, copy, previousConsortiumId, at);
  }
  if (consortiumId !== null) {
    for (const group of await repo.sharedGroups(tx, consortiumId)) await mirrorIntoMember(tx, group, memberId, at);
  }
}

import type { Executor } from "../db/database.js";

interface UserGroupValues {
  code: string;
  name: string;
  shared?: number | undefined;
}

export async function listUserGroups(db: Executor, institutionId: number) {
  return db.selectFrom("user_groups").selectAll().where("institution_id", "=", institutionId).orderBy("code").execute();
}

export async function findUserGroup(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("user_groups")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type UserGroupRow = NonNullable<Awaited<ReturnType<typeof findUserGroup>>>;

export async function findUserGroupByCode(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("user_groups")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function insertUserGroup(
  db: Executor,
  institutionId: number,
  v: UserGroupValues & { consortium_group_id?: number | null },
  at: string,
) {
  return db
    .insertInto("user_groups")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUserGroup(
  db: Executor,
  id: number,
  v: Partial<UserGroupValues> & { consortium_group_id?: number | null },
  at: string,
) {
  return db
    .updateTable("user_groups")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteUserGroups(db: Executor, ids: number[]): Promise<void> {
  if (ids.length) await db.deleteFrom("user_groups").where("id", "in", ids).execute();
}

/** Consortium level (DOMAIN 5.8): the members of a consortium, and the copies of a shared group. */

export async function mirrorsOf(db: Executor, groupId: number) {
  return db.selectFrom("user_groups").selectAll().where("consortium_group_id", "=", groupId).execute();
}

export async function sharedGroups(db: Executor, consortiumId: number) {
  return db
    .selectFrom("user_groups")
    .selectAll()
    .where("institution_id", "=", consortiumId)
    .where("shared", "=", 1)
    .orderBy("code")
    .execute();
}

export async function mirroredGroups(db: Executor, memberId: number) {
  return db
    .selectFrom("user_groups")
    .selectAll()
    .where("institution_id", "=", memberId)
    .where("consortium_group_id", "is not", null)
    .execute();
}

import type { Executor } from "../db/database.js";

export interface UserGroupValues {
  code: string;
  name: string;
  max_digitization_requests: number | null;
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

export async function findUserGroupByCode(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("user_groups")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function insertUserGroup(db: Executor, institutionId: number, v: UserGroupValues, at: string) {
  return db
    .insertInto("user_groups")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUserGroup(db: Executor, id: number, v: Partial<UserGroupValues>, at: string) {
  return db
    .updateTable("user_groups")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countGroupMembers(db: Executor, id: number): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_group_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteUserGroup(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("user_groups").where("id", "=", id).execute();
}

import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";

export async function listBlocks(db: Executor, userId: number) {
  return db.selectFrom("user_blocks").selectAll().where("user_id", "=", userId).orderBy("id").execute();
}

export async function findBlock(db: Executor, institutionId: number, userId: number, id: number) {
  return db
    .selectFrom("user_blocks")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertBlock(
  db: Executor,
  user: { id: number; institution_id: number },
  v: { block_type: string; note: string | null; expires_at: string | null },
  at: string,
) {
  return db
    .insertInto("user_blocks")
    .values({ institution_id: user.institution_id, user_id: user.id, ...v, created_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteBlock(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("user_blocks").where("id", "=", id).execute();
}

/** How many of the user's blocks are in force now (no expiry, or one still to come). */
// Built once: every placement asks it.
const activeBlocksQuery = prepared((db, v: { userId: number; nowIso: string }) =>
  db
    .selectFrom("user_blocks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", v.userId)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", v.nowIso)])),
);

export async function activeBlockCount(db: Executor, userId: number, nowIso: string): Promise<number> {
  const [row] = await activeBlocksQuery(db, { userId, nowIso });
  return Number(row!.n);
}

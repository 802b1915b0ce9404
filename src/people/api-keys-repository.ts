import type { Executor } from "../db/database.js";

const keyColumns = ["id", "user_id", "label", "prefix", "created_at", "last_used_at", "revoked_at"] as const;

export async function insertApiKey(
  db: Executor,
  user: { id: number; institution_id: number },
  v: { label: string; prefix: string; key_hash: string },
  at: string,
) {
  return db
    .insertInto("api_keys")
    .values({
      institution_id: user.institution_id,
      user_id: user.id,
      ...v,
      created_at: at,
      last_used_at: null,
      revoked_at: null,
    })
    .returning(keyColumns)
    .executeTakeFirstOrThrow();
}

export type ApiKeyRow = Awaited<ReturnType<typeof insertApiKey>>;

export async function listApiKeys(db: Executor, userId: number) {
  return db.selectFrom("api_keys").select(keyColumns).where("user_id", "=", userId).orderBy("id").execute();
}

export async function findApiKey(db: Executor, institutionId: number, userId: number, id: number) {
  return db
    .selectFrom("api_keys")
    .select(keyColumns)
    .where("institution_id", "=", institutionId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Revoking twice keeps the first revocation time. */
export async function revokeApiKey(db: Executor, id: number, at: string): Promise<void> {
  await db
    .updateTable("api_keys")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

/** Records when a key was last used (auth/repository.ts `findActorByApiKeyHash` identifies its caller). */
export async function touchApiKey(db: Executor, id: number, nowIso: string): Promise<void> {
  await db.updateTable("api_keys").set({ last_used_at: nowIso }).where("id", "=", id).execute();
}

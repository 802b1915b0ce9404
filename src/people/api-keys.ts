import { API_KEY_PREFIX, newApiKey, sha256 } from "../auth/tokens.js";
import type { Executor } from "../db/database.js";

/** Creates an API key for a user. The key itself is returned once and only its hash is kept. */
export async function issueApiKey(
  db: Executor,
  user: { id: number; institution_id: number },
  label: string,
  now: Date,
): Promise<{ id: number; key: string; prefix: string }> {
  const key = newApiKey();
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
  const row = await db
    .insertInto("api_keys")
    .values({
      institution_id: user.institution_id,
      user_id: user.id,
      label,
      prefix,
      key_hash: sha256(key),
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, key, prefix };
}

import type { Executor } from "../db/database.js";
import type { SignOnStatesTable } from "../db/schema.js";
import type { Insertable } from "kysely";

/** The one home of the `sign_on_states` table's SQL (026_sign_on): sign-ins under way, used once. */

export async function insertSignOnState(db: Executor, row: Insertable<SignOnStatesTable>): Promise<void> {
  await db.insertInto("sign_on_states").values(row).execute();
}

/**
 * Takes the sign-in under way with this state (hash) at this provider, unexpired, and deletes it
 * in the same statement: a state is good for one callback only, even when two race.
 */
export async function takeSignOnState(db: Executor, providerId: number, stateHash: string, nowIso: string) {
  const row = await db
    .deleteFrom("sign_on_states")
    .where("state_hash", "=", stateHash)
    .where("provider_id", "=", providerId)
    .returningAll()
    .executeTakeFirst();
  return row && row.expires_at > nowIso ? row : undefined;
}

/** Forgets sign-ins started long ago and never finished. */
export async function deleteExpiredSignOnStates(db: Executor, nowIso: string): Promise<void> {
  await db.deleteFrom("sign_on_states").where("expires_at", "<=", nowIso).execute();
}

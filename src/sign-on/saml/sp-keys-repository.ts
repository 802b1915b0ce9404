import type { Executor } from "../../db/database.js";

/** The one home of the `saml_sp_keys` table's SQL (036_saml_sp_keys). */

export interface SpKeyRow {
  private_key: string;
  certificate: string;
}

export async function findSpKey(db: Executor, providerId: number): Promise<SpKeyRow | undefined> {
  return db
    .selectFrom("saml_sp_keys")
    .select(["private_key", "certificate"])
    .where("provider_id", "=", providerId)
    .executeTakeFirst();
}

/** Stores the provider's first key; when another process stored one meanwhile, that one stays. */
export async function insertSpKey(
  db: Executor,
  row: { institution_id: number; provider_id: number; private_key: string; certificate: string; created_at: string },
): Promise<void> {
  await db
    .insertInto("saml_sp_keys")
    .values(row)
    .onConflict((oc) => oc.column("provider_id").doNothing())
    .execute();
}

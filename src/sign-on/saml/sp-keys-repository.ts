import type { Executor } from "../../db/database.js";
import type { SpKeyStatus } from "../../db/schema/saml.js";

/** The one home of the `saml_sp_keys` table's SQL (036_saml_sp_keys, 037_saml_sp_key_rollover). */

export type { SpKeyStatus };

export interface SpKeyRow {
  id: number;
  status: SpKeyStatus;
  /** sealed (src/shared/secret-box.ts) */
  private_key: string;
  certificate: string;
  created_at: string;
  activated_at: string | null;
}

/** The provider's keys, the active one first, then the others oldest first. */
export async function spKeysOf(db: Executor, providerId: number): Promise<SpKeyRow[]> {
  const rows = await db
    .selectFrom("saml_sp_keys")
    .select(["id", "status", "private_key", "certificate", "created_at", "activated_at"])
    .where("provider_id", "=", providerId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return [...rows.filter((r) => r.status === "active"), ...rows.filter((r) => r.status !== "active")];
}

/**
 * Stores a key: an active one only when the provider has none (when another process stored one
 * meanwhile, that one stays: the partial unique index on the active key), a next one beside it.
 */
export async function insertSpKey(
  db: Executor,
  row: {
    institution_id: number;
    provider_id: number;
    private_key: string;
    certificate: string;
    created_at: string;
    status: SpKeyStatus;
  },
): Promise<void> {
  await db
    .insertInto("saml_sp_keys")
    .values({ ...row, activated_at: row.status === "active" ? row.created_at : null })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function setSpKeyStatus(
  db: Executor,
  key: { provider_id: number; id: number },
  status: SpKeyStatus,
  activatedAt?: string,
): Promise<void> {
  await db
    .updateTable("saml_sp_keys")
    .set(activatedAt ? { status, activated_at: activatedAt } : { status })
    .where("provider_id", "=", key.provider_id)
    .where("id", "=", key.id)
    .execute();
}

export async function deleteSpKey(db: Executor, key: { provider_id: number; id: number }): Promise<void> {
  await db.deleteFrom("saml_sp_keys").where("provider_id", "=", key.provider_id).where("id", "=", key.id).execute();
}

/** Every stored private key, of every institution: for sealing them at start and re-sealing them with a new key. */
export async function allSpPrivateKeys(db: Executor): Promise<{ id: number; private_key: string }[]> {
  return db.selectFrom("saml_sp_keys").select(["id", "private_key"]).orderBy("id").execute();
}

export async function setSpPrivateKey(db: Executor, id: number, privateKey: string): Promise<void> {
  await db.updateTable("saml_sp_keys").set({ private_key: privateKey }).where("id", "=", id).execute();
}

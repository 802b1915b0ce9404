import type { Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import { dialectOf } from "../db/dialect.js";
import type { IdentityProvidersTable } from "../db/schema.js";
import {
  attributeMapping,
  providerSettings,
  type AttributeMappingInput,
  type IdentityProvider,
  type ProviderSettings,
} from "./provider-model.js";

/** The one home of the `identity_providers` table's SQL (026_sign_on). */

export interface ProviderValues {
  code: string;
  label: string;
  enabled: boolean;
  sort_order: number;
  create_accounts: boolean;
  /** as written: a field with a default (match_by) may be left out */
  mapping: AttributeMappingInput;
  protocol: ProviderSettings["protocol"];
  settings: ProviderSettings["settings"];
}

/** The stored JSON is read back through the same schemas that checked it on the way in. */
function fromRow(row: Selectable<IdentityProvidersTable>): IdentityProvider {
  const { protocol, settings } = providerSettings.parse({ protocol: row.protocol, settings: JSON.parse(row.settings) });
  const base = {
    id: row.id,
    institution_id: row.institution_id,
    code: row.code,
    label: row.label,
    enabled: row.enabled === 1,
    sort_order: row.sort_order,
    mapping: attributeMapping.parse(JSON.parse(row.mapping)),
    create_accounts: row.create_accounts === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  return protocol === "oidc" ? { ...base, protocol, settings } : { ...base, protocol, settings };
}

const toColumns = (v: ProviderValues) => ({
  code: v.code,
  label: v.label,
  protocol: v.protocol,
  enabled: v.enabled ? 1 : 0,
  sort_order: v.sort_order,
  create_accounts: v.create_accounts ? 1 : 0,
  settings: JSON.stringify(v.settings),
  mapping: JSON.stringify(v.mapping),
});

/** The institution's providers in button order (sort_order, then code); `enabledOnly` for the sign-in page. */
export async function listProviders(
  db: Executor,
  institutionId: number,
  options: { enabledOnly?: boolean } = {},
): Promise<IdentityProvider[]> {
  let q = db.selectFrom("identity_providers").selectAll().where("institution_id", "=", institutionId);
  if (options.enabledOnly) q = q.where("enabled", "=", 1);
  const rows = await q.orderBy("sort_order").orderBy("code").execute();
  return rows.map(fromRow);
}

/** A provider of the institution, by id or by code. */
export async function findProvider(db: Executor, institutionId: number, by: { id: number } | { code: string }) {
  const q = db.selectFrom("identity_providers").selectAll().where("institution_id", "=", institutionId);
  const row = await ("id" in by ? q.where("id", "=", by.id) : q.where("code", "=", by.code)).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function insertProvider(db: Executor, institutionId: number, v: ProviderValues, at: string) {
  const row = await db
    .insertInto("identity_providers")
    .values({ institution_id: institutionId, ...toColumns(v), created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProvider(db: Executor, institutionId: number, id: number, v: ProviderValues, at: string) {
  await db
    .updateTable("identity_providers")
    .set({ ...toColumns(v), updated_at: at })
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .execute();
}

export async function deleteProvider(db: Executor, institutionId: number, id: number): Promise<void> {
  await db.deleteFrom("identity_providers").where("institution_id", "=", institutionId).where("id", "=", id).execute();
}

/** Every OpenID provider's stored client secret (of every institution): for sealing them at start and re-sealing them. */
export async function allOidcClientSecrets(db: Executor): Promise<{ id: number; client_secret: string }[]> {
  const rows = await db
    .selectFrom("identity_providers")
    .select(["id", "settings"])
    .where("protocol", "=", "oidc")
    .orderBy("id")
    .execute();
  return rows.flatMap((r) => {
    const secret = (JSON.parse(r.settings) as { client_secret?: string | null }).client_secret;
    return secret ? [{ id: r.id, client_secret: secret }] : [];
  });
}

/** Replaces an OpenID provider's stored client secret, its other settings (and updated_at) as they are. */
export async function setOidcClientSecret(db: Executor, id: number, secret: string): Promise<void> {
  const row = await db.selectFrom("identity_providers").select("settings").where("id", "=", id).executeTakeFirst();
  if (!row) return;
  const settings = { ...(JSON.parse(row.settings) as object), client_secret: secret };
  await db
    .updateTable("identity_providers")
    .set({ settings: JSON.stringify(settings) })
    .where("id", "=", id)
    .execute();
}

/** Holds the provider's row until the transaction ends: changes to its keys take turns. */
export async function lockProvider(db: Executor, id: number): Promise<void> {
  // Its transactions begin immediate (sqlite-dialect.ts): the write lock is already held.
  if (dialectOf(db) !== "postgres") return;
  await db.selectFrom("identity_providers").select("id").where("id", "=", id).forUpdate().executeTakeFirst();
}

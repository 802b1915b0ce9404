import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * SAML key rollover: a provider may hold a second key pair of Recto's beside the one in use, so
 * saml_sp_keys gets a `status` ("active": signs and decrypts; "next": published in the metadata so
 * the identity provider can learn it, decrypts; "previous": the key replaced, still published and
 * decrypting until retired) and the time it was last made active. One row per provider becomes at
 * most one active row per provider (a partial unique index); the existing keys are the active ones.
 *
 * SQLite cannot drop a column's UNIQUE, so there the table is rebuilt with its rows. The private
 * keys are not touched here: the server seals any still in clear with the secrets key at start
 * (src/secrets/seal-stored-secrets.ts), since a migration does not hold that key.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") {
    const { rows } = await sql<{ conname: string }>`
      select conname from pg_constraint where conrelid = 'saml_sp_keys'::regclass and contype = 'u'`.execute(db);
    for (const { conname } of rows) {
      await sql`alter table saml_sp_keys drop constraint ${sql.id(conname)}`.execute(db);
    }
    await db.schema
      .alterTable("saml_sp_keys")
      .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
      .execute();
    await db.schema
      .alterTable("saml_sp_keys")
      .addColumn("activated_at", sql`timestamptz`)
      .execute();
  } else {
    await db.schema
      .createTable("saml_sp_keys_037")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id").onDelete("cascade"))
      .addColumn("provider_id", "integer", (c) => c.notNull().references("identity_providers.id").onDelete("cascade"))
      .addColumn("private_key", "text", (c) => c.notNull())
      .addColumn("certificate", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
      .addColumn("activated_at", "text")
      .execute();
    await sql`insert into saml_sp_keys_037 (id, institution_id, provider_id, private_key, certificate, created_at)
      select id, institution_id, provider_id, private_key, certificate, created_at from saml_sp_keys`.execute(db);
    await db.schema.dropTable("saml_sp_keys").execute();
    await db.schema.alterTable("saml_sp_keys_037").renameTo("saml_sp_keys").execute();
  }
  await sql`update saml_sp_keys set activated_at = created_at`.execute(db);
  await db.schema.createIndex("saml_sp_keys_provider_ix").on("saml_sp_keys").column("provider_id").execute();
  await db.schema
    .createIndex("saml_sp_keys_active_ux")
    .on("saml_sp_keys")
    .column("provider_id")
    .unique()
    .where(sql.ref("status"), "=", "active")
    .execute();
}

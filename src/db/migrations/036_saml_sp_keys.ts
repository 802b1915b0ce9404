import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Recto's own key pair for each SAML provider (saml_sp_keys): the federation encrypts assertions
 * to its certificate, and Recto signs AuthnRequests and single logout messages with its private
 * key. A table of its own, not the provider's settings JSON, so that the private key is never in
 * what the provider API reads or answers. One row per provider; it goes with the provider.
 *
 * A SAML session (saml_message_ids kind "session") now keeps its NameID and SessionIndex in
 * columns too: a LogoutRequest from the provider names the person by them, and the sessions to
 * end are found through the (provider, kind, name_id) index rather than by reading every row.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const table = db.schema.createTable("saml_sp_keys");
  await (
    pg
      ? table.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("institution_id", pg ? "bigint" : "integer", (c) =>
      c.notNull().references("institutions.id").onDelete("cascade"),
    )
    .addColumn("provider_id", pg ? "bigint" : "integer", (c) =>
      c.notNull().unique().references("identity_providers.id").onDelete("cascade"),
    )
    .addColumn("private_key", "text", (c) => c.notNull())
    .addColumn("certificate", "text", (c) => c.notNull())
    .addColumn("created_at", pg ? sql`timestamptz` : sql`text`, (c) => c.notNull())
    .execute();
  await db.schema.alterTable("saml_message_ids").addColumn("name_id", "text").execute();
  await db.schema.alterTable("saml_message_ids").addColumn("session_index", "text").execute();
  await db.schema
    .createIndex("saml_message_ids_name_ix")
    .on("saml_message_ids")
    .columns(["provider_id", "kind", "name_id"])
    .execute();
}

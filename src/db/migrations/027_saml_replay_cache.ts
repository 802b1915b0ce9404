import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * SAML sign-in remembers two kinds of message id per identity provider, in the database so that
 * every server process sharing it agrees: the AuthnRequests Recto sent ("request", until the
 * answer may no longer come), so a Response's InResponseTo must name one of them; and the
 * assertions already used ("assertion", until their NotOnOrAfter), so a replayed one is refused;
 * and, for a Recto session begun by SAML ("session", keyed by the session token's hash), the
 * NameID and SessionIndex a LogoutRequest to the provider must name (`data`, JSON).
 * The unique key makes "seen before" an insert that fails, which no two processes can both pass.
 * Rows past expires_at are removed when a new one is written. No foreign key to the provider:
 * its rows expire on their own.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const table = db.schema.createTable("saml_message_ids");
  await (
    pg
      ? table.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("institution_id", pg ? "bigint" : "integer", (c) => c.notNull())
    .addColumn("provider_id", pg ? "bigint" : "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("data", "text")
    .addColumn("expires_at", pg ? sql`timestamptz` : sql`text`, (c) => c.notNull())
    .addUniqueConstraint("saml_message_ids_key", ["provider_id", "kind", "message_id"])
    .execute();
  await db.schema.createIndex("saml_message_ids_expires_ix").on("saml_message_ids").column("expires_at").execute();
}

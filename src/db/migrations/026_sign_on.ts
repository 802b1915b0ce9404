import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Sign-on through the campus identity providers (issue 15). `identity_providers`: an
 * institution's OpenID Connect and SAML 2.0 providers, each a button on the sign-in pages, with
 * its protocol settings and its attribute mapping as JSON text (src/sign-on/provider-schemas.ts).
 * `sign_on_states`: a sign-in under way between the start and the callback (state, nonce, PKCE
 * verifier), kept minutes only and used once. `sign_on_events`: each sign-in through a provider,
 * and whether it created the account, since the users table keeps no history of its own.
 * `sessions.identity_provider_id`: the provider a session came through, for signing out there too.
 * `institutions.patron_local_passwords`: whether patrons may still sign in with a password (on).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ref = pg ? "bigint" : "integer";
  const time = pg ? sql`timestamptz` : sql`text`;
  const withId = (name: string) => {
    const t = db.schema.createTable(name);
    return pg
      ? t.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  };

  await withId("identity_providers")
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("protocol", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("create_accounts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .addUniqueConstraint("identity_providers_code_uq", ["institution_id", "code"])
    .execute();

  await withId("sign_on_states")
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("provider_id", ref, (c) => c.notNull().references("identity_providers.id").onDelete("cascade"))
    .addColumn("state_hash", "text", (c) => c.notNull().unique())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("app", "text", (c) => c.notNull())
    .addColumn("return_path", "text", (c) => c.notNull())
    .addColumn("expires_at", time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_on_states_expires_ix").on("sign_on_states").column("expires_at").execute();

  await withId("sign_on_events")
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("provider_id", ref, (c) => c.references("identity_providers.id").onDelete("set null"))
    .addColumn("user_id", ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("account_created", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("changed_fields", "text", (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_on_events_user_ix").on("sign_on_events").columns(["user_id", "id"]).execute();

  // The provider a session was opened through: signing out also ends the provider's session there.
  await db.schema
    .alterTable("sessions")
    .addColumn("identity_provider_id", ref, (c) => c.references("identity_providers.id").onDelete("set null"))
    .execute();

  await db.schema
    .alterTable("institutions")
    .addColumn("patron_local_passwords", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

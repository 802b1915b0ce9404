import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Sign-in throttling (people/login-throttle.ts) counts failed sign-ins per account and per client
 * address in the database, so the count holds across server processes and restarts. One row per
 * failure and scope. The table has no institution_id: the institution code typed at sign-in may
 * not exist (it must be throttled all the same), and a client address spans every institution.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const table = db.schema.createTable("login_failures");
  await (
    pg
      ? table.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("failed_at", pg ? sql`timestamptz` : sql`text`, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_failures_subject_ix")
    .on("login_failures")
    .columns(["scope", "subject", "failed_at"])
    .execute();
  // for removing old rows
  await db.schema.createIndex("login_failures_failed_at_ix").on("login_failures").column("failed_at").execute();
}

import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The change history of the policy records that are not rules: terms of use (DOMAIN 5.1) and
 * fulfillment units (5.2). Rules have rule_versions; these get the same who, when, before, after.
 * No foreign key to the record, so the history of a deleted one is kept.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ref = pg ? "bigint" : "integer";
  const table = db.schema.createTable("policy_versions");
  await (
    pg
      ? table.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", ref, (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_user_id", ref)
    .addColumn("at", pg ? sql`timestamptz` : sql`text`, (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema
    .createIndex("policy_versions_entity_ix")
    .on("policy_versions")
    .columns(["institution_id", "entity", "entity_id", "id"])
    .execute();
}

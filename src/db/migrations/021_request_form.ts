import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";
import { STARTING_FORM } from "./021_request_form.data.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The patron request form's configuration (DOMAIN 5.6), one per institution: the fields with
 * label, help, display_to_public, default_value, mandatory and order; custom checkboxes; the
 * copyright warning notice. applies_to_members: a consortium's form that its members inherit and
 * cannot change (DOMAIN 5.8). Every existing institution gets the starting form, which this
 * migration carries itself (021_request_form.data.ts). Its history goes to policy_versions.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ref = pg ? "bigint" : "integer";
  const table = db.schema.createTable("request_form_configs");
  await (
    pg
      ? table.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("institution_id", ref, (c) => c.notNull().unique().references("institutions.id").onDelete("cascade"))
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("applies_to_members", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", pg ? sql`timestamptz` : sql`text`, (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  const institutions = (await db.selectFrom("institutions").select("id").execute()) as { id: number }[];
  for (const inst of institutions) {
    await db
      .insertInto("request_form_configs")
      .values({ institution_id: inst.id, config: JSON.stringify(STARTING_FORM), applies_to_members: 0, updated_at: at })
      .execute();
  }
}

import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * MARC import: what bibs keep from the record (statement of responsibility, subjects for search,
 * the record itself), the keys a re-import and an MFHD record match on, and the imports started
 * from the API, which the worker runs.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ts = pg ? sql`timestamptz` : sql`text`;
  const ref = pg ? "bigint" : "integer";

  // 009_catalogue_search also adds bibs.subjects when it is missing; either order works.
  const bibs = (await db.introspection.getTables()).find((t) => t.name === "bibs");
  const has = new Set(bibs?.columns.map((c) => c.name) ?? []);
  for (const column of ["statement_of_responsibility", "subjects", "marc", "record_key", "control_number"]) {
    if (!has.has(column)) await db.schema.alterTable("bibs").addColumn(column, "text").execute();
  }
  await db.schema.createIndex("bibs_record_key_ix").on("bibs").columns(["institution_id", "record_key"]).execute();
  await db.schema
    .createIndex("bibs_control_number_ix")
    .on("bibs")
    .columns(["institution_id", "control_number"])
    .execute();

  const id = (t: ReturnType<typeof db.schema.createTable>) =>
    pg
      ? t.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await id(db.schema.createTable("marc_imports"))
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("requested_by_user_id", ref, (c) => c.references("users.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("profile", "text", (c) => c.notNull())
    .addColumn("dry_run", "integer", (c) => c.notNull())
    .addColumn("create_missing", "integer", (c) => c.notNull())
    .addColumn("files", "text", (c) => c.notNull())
    .addColumn("records_total", "integer", (c) => c.notNull())
    .addColumn("records_done", "integer", (c) => c.notNull())
    .addColumn("report", "text")
    .addColumn("error", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("started_at", ts)
    .addColumn("finished_at", ts)
    .execute();
  await db.schema.createIndex("marc_imports_inst_ix").on("marc_imports").columns(["institution_id", "id"]).execute();
  await db.schema.createIndex("marc_imports_status_ix").on("marc_imports").columns(["status", "id"]).execute();
}

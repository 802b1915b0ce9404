import { sql, type CreateTableBuilder, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables that the typed schema does not know yet */
type Builder = CreateTableBuilder<any, any>;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = sql`text`;

  const table = (name: string): Builder => {
    const t = db.schema.createTable(name);
    return pg
      ? t.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  };
  const ref = pg ? "bigint" : "integer";
  const withInstitution = (t: Builder): Builder =>
    t.addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"));
  const stamps = (t: Builder): Builder =>
    t.addColumn("created_at", ts, (c) => c.notNull()).addColumn("updated_at", ts, (c) => c.notNull());

  await stamps(
    table("institutions")
      .addColumn("code", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("default_language", "text", (c) => c.notNull()),
  ).execute();

  await stamps(
    withInstitution(table("libraries"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addUniqueConstraint("libraries_code_uq", ["institution_id", "code"]),
  ).execute();

  await stamps(
    withInstitution(table("locations"))
      .addColumn("library_id", ref, (c) => c.notNull().references("libraries.id"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addUniqueConstraint("locations_code_uq", ["library_id", "code"]),
  ).execute();

  await stamps(
    withInstitution(table("circulation_desks"))
      .addColumn("library_id", ref, (c) => c.notNull().references("libraries.id"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("supports_digitization", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("work_time_days", "integer")
      .addUniqueConstraint("desks_code_uq", ["institution_id", "code"]),
  ).execute();

  await stamps(
    withInstitution(table("printers"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("email", "text")
      .addUniqueConstraint("printers_code_uq", ["institution_id", "code"]),
  ).execute();

  await stamps(
    withInstitution(table("departments"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("work_time_days", "integer", (c) => c.notNull())
      .addColumn("map_url", "text")
      .addColumn("default_printer_id", ref, (c) => c.references("printers.id"))
      .addColumn("owner_level", "text", (c) => c.notNull())
      .addColumn("owner_library_id", ref, (c) => c.references("libraries.id"))
      .addColumn("serves_all_libraries", "integer", (c) => c.notNull())
      .addColumn("contact_info", json, (c) => c.notNull())
      .addUniqueConstraint("departments_code_uq", ["institution_id", "code"]),
  ).execute();

  await db.schema
    .createTable("department_served_libraries")
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("department_id", ref, (c) => c.notNull().references("departments.id").onDelete("cascade"))
    .addColumn("library_id", ref, (c) => c.notNull().references("libraries.id"))
    .addPrimaryKeyConstraint("department_served_libraries_pk", ["department_id", "library_id"])
    .execute();

  await stamps(
    withInstitution(table("user_groups"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("max_digitization_requests", "integer")
      .addUniqueConstraint("user_groups_code_uq", ["institution_id", "code"]),
  ).execute();

  await stamps(
    withInstitution(table("users"))
      .addColumn("primary_id", "text", (c) => c.notNull())
      .addColumn("first_name", "text", (c) => c.notNull())
      .addColumn("last_name", "text", (c) => c.notNull())
      .addColumn("email", "text")
      .addColumn("user_group_id", ref, (c) => c.references("user_groups.id"))
      .addColumn("preferred_language", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("expiry_date", "text")
      .addColumn("password_hash", "text")
      .addUniqueConstraint("users_primary_id_uq", ["institution_id", "primary_id"]),
  ).execute();

  await withInstitution(table("user_blocks"))
    .addColumn("user_id", ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("block_type", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("expires_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await withInstitution(table("role_assignments"))
    .addColumn("user_id", ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("scope_type", "text", (c) => c.notNull())
    .addColumn("scope_id", ref)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("role_assignments_user_ix").on("role_assignments").columns(["user_id"]).execute();

  await withInstitution(table("sessions"))
    .addColumn("user_id", ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("expires_at", ts, (c) => c.notNull())
    .execute();

  await withInstitution(table("api_keys"))
    .addColumn("user_id", ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("last_used_at", ts)
    .addColumn("revoked_at", ts)
    .execute();

  await stamps(
    withInstitution(table("bibs"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("author", "text")
      .addColumn("publisher", "text")
      .addColumn("publication_date", "text")
      .addColumn("publication_year", "integer")
      .addColumn("edition", "text")
      .addColumn("isbn", "text")
      .addColumn("issn", "text")
      .addColumn("language", "text")
      .addColumn("material_type", "text", (c) => c.notNull())
      .addColumn("extent", "text")
      .addColumn("page_count", "integer")
      .addColumn("identifiers", json, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex("bibs_institution_ix").on("bibs").columns(["institution_id", "id"]).execute();

  await stamps(
    withInstitution(table("holdings"))
      .addColumn("bib_id", ref, (c) => c.notNull().references("bibs.id").onDelete("cascade"))
      .addColumn("library_id", ref, (c) => c.notNull().references("libraries.id"))
      .addColumn("location_id", ref, (c) => c.notNull().references("locations.id"))
      .addColumn("call_number", "text")
      .addColumn("summary_holdings", "text"),
  ).execute();
  await db.schema.createIndex("holdings_bib_ix").on("holdings").columns(["bib_id"]).execute();

  await stamps(
    withInstitution(table("items"))
      .addColumn("bib_id", ref, (c) => c.notNull().references("bibs.id").onDelete("cascade"))
      .addColumn("holding_id", ref, (c) => c.notNull().references("holdings.id").onDelete("cascade"))
      .addColumn("library_id", ref, (c) => c.notNull().references("libraries.id"))
      .addColumn("location_id", ref, (c) => c.notNull().references("locations.id"))
      .addColumn("barcode", "text", (c) => c.notNull())
      .addColumn("item_policy", "text")
      .addColumn("material_type", "text")
      .addColumn("description", "text")
      .addColumn("page_count", "integer")
      .addColumn("process_status", "text", (c) => c.notNull())
      .addUniqueConstraint("items_barcode_uq", ["institution_id", "barcode"]),
  ).execute();
  await db.schema.createIndex("items_bib_ix").on("items").columns(["bib_id"]).execute();

  await withInstitution(table("rule_tables"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("default_output", json, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addUniqueConstraint("rule_tables_kind_uq", ["institution_id", "kind"])
    .execute();

  await stamps(
    withInstitution(table("rules"))
      .addColumn("rule_table_id", ref, (c) => c.notNull().references("rule_tables.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("locked", "integer", (c) => c.notNull())
      .addColumn("conditions", json, (c) => c.notNull())
      .addColumn("output", json, (c) => c.notNull()),
  ).execute();

  await withInstitution(table("requests"))
    .addColumn("request_type", "text", (c) => c.notNull())
    .addColumn("request_sub_type", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("is_active", "integer", (c) => c.notNull())
    .addColumn("user_id", ref, (c) => c.notNull().references("users.id"))
    .addColumn("placed_by_user_id", ref, (c) => c.notNull().references("users.id"))
    .addColumn("request_source", "text", (c) => c.notNull())
    .addColumn("bib_id", ref, (c) => c.notNull().references("bibs.id"))
    .addColumn("item_id", ref, (c) => c.references("items.id"))
    .addColumn("library_id", ref, (c) => c.notNull().references("libraries.id"))
    .addColumn("department_id", ref, (c) => c.references("departments.id"))
    .addColumn("desk_id", ref, (c) => c.references("circulation_desks.id"))
    .addColumn("form", json, (c) => c.notNull())
    .addColumn("workflow", json, (c) => c.notNull())
    .addColumn("workflow_rule_id", ref)
    .addColumn("request_date", ts, (c) => c.notNull())
    .addColumn("due_at", ts, (c) => c.notNull())
    .addColumn("closed_at", ts)
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  // Keyset paging walks (institution, id desc); each filter gets an index that ends in id.
  await db.schema.createIndex("requests_inst_ix").on("requests").columns(["institution_id", "id"]).execute();
  await db.schema.createIndex("requests_state_ix").on("requests").columns(["institution_id", "state", "id"]).execute();
  await db.schema
    .createIndex("requests_library_ix")
    .on("requests")
    .columns(["institution_id", "library_id", "id"])
    .execute();
  await db.schema.createIndex("requests_user_ix").on("requests").columns(["user_id", "is_active", "id"]).execute();
  await db.schema.createIndex("requests_dept_ix").on("requests").columns(["department_id", "id"]).execute();
  await db.schema.createIndex("requests_desk_ix").on("requests").columns(["desk_id", "id"]).execute();
  await db.schema.createIndex("requests_due_ix").on("requests").columns(["is_active", "due_at"]).execute();

  await withInstitution(table("request_tasks"))
    .addColumn("request_id", ref, (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("note", "text")
    .addColumn("details", json, (c) => c.notNull())
    .addColumn("decided_by_user_id", ref, (c) => c.references("users.id"))
    .addColumn("decided_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("request_tasks_request_ix").on("request_tasks").columns(["request_id"]).execute();

  await withInstitution(table("request_files"))
    .addColumn("request_id", ref, (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("uploaded_by_user_id", ref, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("deleted_at", ts)
    .execute();
  await db.schema.createIndex("request_files_request_ix").on("request_files").columns(["request_id"]).execute();

  await withInstitution(table("request_events"))
    .addColumn("request_id", ref, (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("at", ts, (c) => c.notNull())
    .addColumn("actor_user_id", ref, (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text")
    .addColumn("reason", "text")
    .addColumn("note", "text")
    .addColumn("data", json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("request_events_request_ix").on("request_events").columns(["request_id", "id"]).execute();

  await withInstitution(table("outbox"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("request_id", ref, (c) => c.references("requests.id").onDelete("set null"))
    .addColumn("payload", json, (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", ts, (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("processed_at", ts)
    .execute();
  await db.schema.createIndex("outbox_due_ix").on("outbox").columns(["status", "next_attempt_at"]).execute();
}

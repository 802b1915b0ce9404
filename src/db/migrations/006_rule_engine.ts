import { sql, type Kysely } from "kysely";
import { seedRuleTables } from "../../rules/tables/seed-rule-tables.js";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The rule engine (DOMAIN 5): every rule table carries a revision that changes with each edit
 * (the engine recompiles a table only when it moves), every change is kept in rule_versions,
 * and institutions that existed before get the delivery and display logic tables and the
 * twelve predefined digitization rules, disabled, as new institutions do.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ts = pg ? sql`timestamptz` : sql`text`;
  const ref = pg ? "bigint" : "integer";

  await db.schema
    .alterTable("rule_tables")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  const id = (t: ReturnType<typeof db.schema.createTable>) =>
    pg
      ? t.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await id(db.schema.createTable("rule_versions"))
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("rule_table_id", ref, (c) => c.notNull().references("rule_tables.id").onDelete("cascade"))
    // no foreign key: the history of a deleted rule is kept
    .addColumn("rule_id", ref)
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_user_id", ref)
    .addColumn("at", ts, (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("rule_versions_table_ix").on("rule_versions").columns(["rule_table_id", "id"]).execute();
  await db.schema.createIndex("rules_table_ix").on("rules").columns(["rule_table_id", "position"]).execute();

  // Terms of use (DOMAIN 5.1) and fulfillment units (5.2). A unit's Request rule table is the
  // rule_tables row of kind "fulfillment_unit:<unit id>", so every table keeps one model.
  const stamps = (t: ReturnType<typeof db.schema.createTable>) =>
    t.addColumn("created_at", ts, (c) => c.notNull()).addColumn("updated_at", ts, (c) => c.notNull());
  const inInstitution = (t: ReturnType<typeof db.schema.createTable>) =>
    t.addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"));
  await stamps(
    inInstitution(id(db.schema.createTable("terms_of_use")))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("is_digitizable", "integer", (c) => c.notNull())
      // a decimal string such as "5.00": money is never a float
      .addColumn("fee_amount", "text")
      .addColumn("fee_currency", "text")
      .addColumn("max_pages_per_request", "integer")
      .addUniqueConstraint("terms_of_use_code_uq", ["institution_id", "code"]),
  ).execute();
  await stamps(
    inInstitution(id(db.schema.createTable("fulfillment_units")))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addUniqueConstraint("fulfillment_units_code_uq", ["institution_id", "code"]),
  ).execute();
  await inInstitution(db.schema.createTable("fulfillment_unit_locations"))
    .addColumn("fulfillment_unit_id", ref, (c) => c.notNull().references("fulfillment_units.id").onDelete("cascade"))
    .addColumn("location_id", ref, (c) => c.notNull().references("locations.id").onDelete("cascade"))
    // a location belongs to one fulfillment unit at most
    .addUniqueConstraint("fulfillment_unit_locations_uq", ["location_id"])
    .execute();

  // The consortium level (DOMAIN 5.8): a consortium is an institution of its own (it holds the
  // shared rules, as a network zone does); a member points at it and inherits its rules.
  await db.schema
    .alterTable("institutions")
    .addColumn("consortium_id", ref, (c) => c.references("institutions.id"))
    .execute();

  const institutions = await db.selectFrom("institutions").select(["id"]).execute();
  // Institutions that already took requests delivered to every patron: their delivery table
  // starts at "allowed" so that upgrading does not silently withdraw the service.
  for (const inst of institutions) {
    await seedRuleTables(db, Number(inst.id), new Date().toISOString(), { delivery: { allowed: true } });
  }
}

import { sql, type Selectable } from "kysely";
import type { Executor } from "../../db/database.js";
import { memoizes, memoRead, primeMemo } from "../../db/read-memo.js";
import { unlessHeld } from "../../db/held-rows.js";
import { prepared } from "../../db/prepared.js";
import type { RuleTablesTable, RuleVersionsTable } from "../../db/schema.js";

/**
 * The one home of the SQL of `rule_tables`, `rules` and `rule_versions` (the rule tables of every
 * kind, fulfillment units' Request rules included): the patron-limit rows, the seeds and the
 * service terms call these functions.
 */

export const allTableRows = (db: Executor, v: { institutionId: number }) =>
  db.selectFrom("rule_tables").selectAll().where("institution_id", "=", v.institutionId);

/**
 * allTableRows on PostgreSQL, each default output left out (null) where `held` (db/held-rows.ts)
 * says the caller holds the table at its current revision.
 */
export const allTableRowsBeyond = (db: Executor, v: { institutionId: number; held: string }) =>
  allTableRows(db, v)
    .clearSelect()
    .select(["id", "institution_id", "kind", "revision", "updated_at"])
    .select(unlessHeld("default_output", v.held).as("default_output"));

// Built once: every placement reads them (db/prepared.ts).
const allTablesQuery = prepared(allTableRows);
const allTablesKey = (institutionId: number) => `rule_tables:${institutionId}`;

/** The institution's every table, read together with others (read-memo.ts): findTable answers from them. */
export function primeTables(db: Executor, institutionId: number, rows: Selectable<RuleTablesTable>[]): void {
  primeMemo(db, allTablesKey(institutionId), rows);
}

/** key: the table's kind, or "fulfillment_unit:<id>" for a fulfillment unit's Request rules */
export async function findTable(db: Executor, institutionId: number, key: string) {
  // A use case that reads several tables (placement) reads them all at once (read-memo.ts).
  if (memoizes(db)) {
    const all = await memoRead(db, allTablesKey(institutionId), () => allTablesQuery(db, { institutionId }));
    return all.find((t) => t.kind === key);
  }
  return db
    .selectFrom("rule_tables")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("kind", "=", key)
    .executeTakeFirst();
}

/** A new table (revision 1) with its default output (JSON text). Returns its id. */
export async function insertTable(
  db: Executor,
  institutionId: number,
  key: string,
  defaultOutput: string,
  at: string,
): Promise<number> {
  const row = await db
    .insertInto("rule_tables")
    .values({ institution_id: institutionId, kind: key, default_output: defaultOutput, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Deletes a table; its rules and versions go with it (foreign keys cascade). */
export async function deleteTable(db: Executor, institutionId: number, key: string): Promise<void> {
  await db.deleteFrom("rule_tables").where("institution_id", "=", institutionId).where("kind", "=", key).execute();
}

/** The default outputs and rule outputs (JSON text) of every fulfillment unit's Request rules. */
export async function fulfillmentUnitOutputs(db: Executor, institutionId: number): Promise<string[]> {
  const tables = await db
    .selectFrom("rule_tables")
    .select(["id", "kind", "default_output"])
    .where("institution_id", "=", institutionId)
    .where("kind", "like", "fulfillment_unit:%")
    .execute();
  const rules = await db
    .selectFrom("rules")
    .innerJoin("rule_tables", "rule_tables.id", "rules.rule_table_id")
    .select(["rules.output", "rule_tables.kind"])
    .where("rules.institution_id", "=", institutionId)
    .where("rule_tables.kind", "like", "fulfillment_unit:%")
    .execute();
  return [...tables.map((t) => t.default_output), ...rules.map((r) => r.output)];
}

export async function hasRules(db: Executor, tableId: number): Promise<boolean> {
  return !!(await db.selectFrom("rules").select("id").where("rule_table_id", "=", tableId).executeTakeFirst());
}

export async function listRules(db: Executor, tableId: number) {
  return db
    .selectFrom("rules")
    .selectAll()
    .where("rule_table_id", "=", tableId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function findRule(db: Executor, tableId: number, id: number) {
  return db
    .selectFrom("rules")
    .selectAll()
    .where("rule_table_id", "=", tableId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type RuleRow = NonNullable<Awaited<ReturnType<typeof findRule>>>;

interface RuleValues {
  name: string;
  description: string | null;
  enabled: number;
  conditions: string;
  output: string;
}

export async function insertRule(
  db: Executor,
  table: { id: number; institution_id: number },
  v: RuleValues,
  at: string,
): Promise<RuleRow> {
  const last = await db
    .selectFrom("rules")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("rule_table_id", "=", table.id)
    .executeTakeFirst();
  return insertRuleAt(db, table, Number(last?.max ?? 0) + 1, v, at);
}

/** A rule at a given position (the seeds, which write a table's rules in order). */
export async function insertRuleAt(
  db: Executor,
  table: { id: number; institution_id: number },
  position: number,
  v: RuleValues,
  at: string,
): Promise<RuleRow> {
  return db
    .insertInto("rules")
    .values({
      institution_id: table.institution_id,
      rule_table_id: table.id,
      position,
      locked: 0,
      ...v,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRule(db: Executor, id: number, v: Partial<RuleValues>, at: string): Promise<RuleRow> {
  return db
    .updateTable("rules")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRule(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("rules").where("id", "=", id).execute();
}

export async function setPosition(db: Executor, id: number, position: number): Promise<void> {
  await db.updateTable("rules").set({ position }).where("id", "=", id).execute();
}

/** Every change moves the revision, so compiled copies of the table know they are stale. */
export async function touchTable(db: Executor, tableId: number, at: string, defaultOutput?: string): Promise<void> {
  await db
    .updateTable("rule_tables")
    .set({
      revision: sql<number>`revision + 1`,
      updated_at: at,
      ...(defaultOutput !== undefined ? { default_output: defaultOutput } : {}),
    })
    .where("id", "=", tableId)
    .execute();
}

export async function insertVersion(db: Executor, v: Omit<RuleVersionsTable, "id">): Promise<void> {
  await db.insertInto("rule_versions").values(v).execute();
}

/** The table's versions, newest first, each with the name of who made it (null: the system). */
export async function listVersions(db: Executor, tableId: number, ruleId?: number) {
  let q = db
    .selectFrom("rule_versions as v")
    .leftJoin("users as u", "u.id", "v.actor_user_id")
    .selectAll("v")
    .select(["u.first_name as actor_first_name", "u.last_name as actor_last_name"])
    .where("v.rule_table_id", "=", tableId);
  if (ruleId !== undefined) q = q.where("v.rule_id", "=", ruleId);
  return q.orderBy("v.id", "desc").limit(500).execute();
}

import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";
import { seedMissingRuleTables } from "./006_rule_engine.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Patron limits become a rule table (DOMAIN 5.3, 5): each group's max_digitization_requests
 * moves into its row of the institution's `patron_limits` table, which is versioned, ordered and
 * inherited from a consortium like the others; the column goes, so there is one source of truth.
 * Consortium user groups can be shared (5.8): a member holds a copy that points at the
 * consortium's group and that it cannot change.
 *
 * The migration carries its own SQL: it never changes with the app's patron limit code.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const ref = dialect === "postgres" ? "bigint" : "integer";
  await db.schema
    .alterTable("user_groups")
    .addColumn("shared", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("user_groups")
    .addColumn("consortium_group_id", ref, (c) => c.references("user_groups.id").onDelete("set null"))
    .execute();

  const at = new Date().toISOString();
  const institutions = await db.selectFrom("institutions").select("id").orderBy("id").execute();
  for (const inst of institutions) {
    const institutionId = Number(inst.id);
    await seedMissingRuleTables(db, institutionId, at);
    const groups = await db
      .selectFrom("user_groups")
      .select(["code", "max_digitization_requests"])
      .where("institution_id", "=", institutionId)
      .orderBy("code")
      .execute();
    for (const g of groups) {
      await insertGroupLimitRow(db, institutionId, g.code, g.max_digitization_requests ?? null, at);
    }
  }
  await db.schema.alterTable("user_groups").dropColumn("max_digitization_requests").execute();
}

/**
 * Appends the group's row to the institution's patron limits table (a rule `user_group equals
 * CODE -> {max_digitization_requests}`, enabled), records its creation in the table's history
 * and moves the table's revision on.
 */
async function insertGroupLimitRow(
  db: Kysely<any>,
  institutionId: number,
  groupCode: string,
  max: number | null,
  at: string,
): Promise<void> {
  const table = await db
    .selectFrom("rule_tables")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("kind", "=", "patron_limits")
    .executeTakeFirstOrThrow();
  const tableId = Number(table.id);
  const last = await db
    .selectFrom("rules")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("rule_table_id", "=", tableId)
    .executeTakeFirst();
  const position = Number(last?.max ?? 0) + 1;
  const name = `Limit for ${groupCode}`;
  const description = `The patron limit of user group ${groupCode}, kept in step with the user group.`;
  const conditions = [{ parameter: "user_group", operator: "equals", value: groupCode }];
  const output = { max_digitization_requests: max };
  const rule = await db
    .insertInto("rules")
    .values({
      institution_id: institutionId,
      rule_table_id: tableId,
      position,
      name,
      description,
      enabled: 1,
      locked: 0,
      conditions: JSON.stringify(conditions),
      output: JSON.stringify(output),
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("rule_versions")
    .values({
      institution_id: institutionId,
      rule_table_id: tableId,
      rule_id: Number(rule.id),
      action: "created",
      actor_user_id: null,
      at,
      before: null,
      after: JSON.stringify({ position, name, description, enabled: true, locked: false, conditions, output }),
    })
    .execute();
  await db
    .updateTable("rule_tables")
    .set((eb) => ({ revision: eb("revision", "+", 1), updated_at: at }))
    .where("id", "=", tableId)
    .execute();
}

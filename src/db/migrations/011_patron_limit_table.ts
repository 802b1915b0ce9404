import type { Kysely } from "kysely";
import { insertGroupLimitRow } from "../../rules/tables/patron-limit-rows.js";
import { seedRuleTables } from "../../rules/tables/seed-rule-tables.js";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Patron limits become a rule table (DOMAIN 5.3, 5): each group's max_digitization_requests
 * moves into its row of the institution's `patron_limits` table, which is versioned, ordered and
 * inherited from a consortium like the others; the column goes, so there is one source of truth.
 * Consortium user groups can be shared (5.8): a member holds a copy that points at the
 * consortium's group and that it cannot change.
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
    await seedRuleTables(db, institutionId, at);
    const groups = await db
      .selectFrom("user_groups")
      .select(["code", "max_digitization_requests"])
      .where("institution_id", "=", institutionId)
      .orderBy("code")
      .execute();
    for (const g of groups) {
      await insertGroupLimitRow(db, institutionId, g.code, g.max_digitization_requests ?? null, at, null);
    }
  }
  await db.schema.alterTable("user_groups").dropColumn("max_digitization_requests").execute();
}

import type { Db } from "../../db/database.js";
import { PREDEFINED_DIGITIZATION_RULES } from "./predefined-rules.js";
import { initialDefaultOutput } from "../engine/table-kinds.js";

/**
 * What every institution starts with (DOMAIN 5.4, 5.5, 5.7): the digitization, delivery and
 * display logic tables with their defaults, and the twelve predefined digitization rules,
 * disabled. Missing pieces only: safe to run on an institution that has some of them.
 */
export async function seedRuleTables(
  db: Db,
  institutionId: number,
  at: string,
  defaults: Partial<typeof initialDefaultOutput> = {},
): Promise<void> {
  for (const [kind, output] of Object.entries({ ...initialDefaultOutput, ...defaults })) {
    const existing = await db
      .selectFrom("rule_tables")
      .select("id")
      .where("institution_id", "=", institutionId)
      .where("kind", "=", kind)
      .executeTakeFirst();
    const table =
      existing ??
      (await db
        .insertInto("rule_tables")
        .values({ institution_id: institutionId, kind, default_output: JSON.stringify(output), updated_at: at })
        .returning("id")
        .executeTakeFirstOrThrow());
    if (kind !== "digitization") continue;
    const hasRules = await db.selectFrom("rules").select("id").where("rule_table_id", "=", table.id).executeTakeFirst();
    if (hasRules) continue;
    let position = 0;
    for (const r of PREDEFINED_DIGITIZATION_RULES) {
      position += 1;
      await db
        .insertInto("rules")
        .values({
          institution_id: institutionId,
          rule_table_id: table.id,
          position,
          name: r.name,
          description: r.description,
          enabled: 0,
          locked: 0,
          conditions: JSON.stringify(r.conditions),
          output: JSON.stringify(r.output),
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  }
}

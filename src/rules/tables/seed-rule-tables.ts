import type { Executor } from "../../db/database.js";
import { PREDEFINED_DIGITIZATION_RULES } from "./predefined-rules.js";
import { initialDefaultOutput } from "../engine/table-kinds.js";
import * as repo from "./repository.js";

/**
 * What every institution starts with (DOMAIN 5.4, 5.5, 5.7): the digitization, delivery and
 * display logic tables with their defaults, and the twelve predefined digitization rules,
 * disabled. Missing pieces only: safe to run on an institution that has some of them.
 */
export async function seedRuleTables(
  db: Executor,
  institutionId: number,
  at: string,
  defaults: Partial<typeof initialDefaultOutput> = {},
): Promise<void> {
  for (const [kind, output] of Object.entries({ ...initialDefaultOutput, ...defaults })) {
    const existing = await repo.findTable(db, institutionId, kind);
    const table = {
      id: existing?.id ?? (await repo.insertTable(db, institutionId, kind, JSON.stringify(output), at)),
      institution_id: institutionId,
    };
    if (kind !== "digitization") continue;
    if (await repo.hasRules(db, table.id)) continue;
    let position = 0;
    for (const r of PREDEFINED_DIGITIZATION_RULES) {
      position += 1;
      await repo.insertRuleAt(
        db,
        table,
        position,
        {
          name: r.name,
          description: r.description,
          enabled: 0,
          conditions: JSON.stringify(r.conditions),
          output: JSON.stringify(r.output),
        },
        at,
      );
    }
  }
}

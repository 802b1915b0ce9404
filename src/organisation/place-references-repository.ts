import type { Executor } from "../db/database.js";
import { findTable, listRules } from "../rules/tables/repository.js";

const targetOf = (json: string): string | null => {
  try {
    const out = JSON.parse(json) as { target_destination?: unknown } | null;
    return typeof out?.target_destination === "string" ? out.target_destination : null;
  } catch {
    return null;
  }
};

/**
 * Digitization rules whose output names a handling place by its code (DOMAIN 5.5). Deleting
 * that place would leave the rules pointing at nothing, so deletion is refused while they do.
 */
export async function rulesTargeting(db: Executor, institutionId: number, code: string): Promise<string[]> {
  const table = await findTable(db, institutionId, "digitization");
  if (!table) return [];
  const names: string[] = [];
  if (targetOf(table.default_output) === code) names.push("the default digitization rule");
  const rules = await listRules(db, table.id);
  for (const r of rules) if (targetOf(r.output) === code) names.push(`rule "${r.name}"`);
  return names;
}

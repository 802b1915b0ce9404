import type { Executor } from "../../db/database.js";
import { perDatabase } from "../../db/per-database.js";
import { AppError } from "../../errors.js";
import { compileTable, type Condition, type CompiledTable, type EngineRule } from "../engine/engine.js";
import { groupRowCode } from "./patron-limit-rows.js";
import { consortiumOf } from "../../organisation/institution-repository.js";
import { sharedGroups } from "../../people/user-groups-repository.js";
import { codesOf } from "./domain-codes.js";
import * as repo from "./repository.js";

/**
 * Compiled rule tables, kept per table and revision: a decision costs small queries (the
 * revisions) and the evaluation; the rules are read and compiled again only after a change.
 * A consortium member's table is the consortium's rules first (inherited, DOMAIN 5.8), then its
 * own, then its own default. Sharing a group or not moves the consortium's patron limits table's
 * revision, since it changes which of its rows members inherit.
 */

interface Entry {
  stamp: string;
  compiled: CompiledTable<unknown>;
}
const cacheOf = perDatabase(() => new Map<number, Entry>());

export const asEngineRules = (rows: repo.RuleRow[]): EngineRule<unknown>[] =>
  rows.map((r) => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled === 1,
    conditions: JSON.parse(r.conditions) as Condition[],
    output: JSON.parse(r.output),
  }));

/** The consortium's table of the same kind, when the institution is a member (fulfillment units are local). */
async function inheritedTable(db: Executor, institutionId: number, key: string) {
  if (key.startsWith("fulfillment_unit:")) return null;
  const consortium = await consortiumOf(db, institutionId);
  if (!consortium) return null;
  const table = await repo.findTable(db, consortium.id, key);
  return table ? { consortium, table } : null;
}

/**
 * The consortium rules a member inherits, in order. Of the patron limits, only the rows of the
 * consortium's shared groups (DOMAIN 5.3, 5.8): its other groups are its own business, even
 * where a member has a group of the same code.
 */
export async function inheritedRules(db: Executor, institutionId: number, key: string) {
  const inherited = await inheritedTable(db, institutionId, key);
  return inherited ? { ...inherited, rules: await rulesOf(db, inherited, key) } : null;
}

async function rulesOf(db: Executor, inherited: NonNullable<Awaited<ReturnType<typeof inheritedTable>>>, key: string) {
  const rules = await repo.listRules(db, inherited.table.id);
  if (key !== "patron_limits") return rules;
  const shared = codesOf(await sharedGroups(db, inherited.consortium.id));
  return rules.filter((r) => shared.has(groupRowCode(r.conditions) ?? ""));
}

/** key: the table's kind, or "fulfillment_unit:<id>" */
export async function compiledTable<O>(db: Executor, institutionId: number, key: string): Promise<CompiledTable<O>> {
  const table = await repo.findTable(db, institutionId, key);
  if (!table) throw new AppError("INTERNAL_ERROR", { message: `The institution has no ${key} rule table.` });
  const inherited = await inheritedTable(db, institutionId, key);
  const stamp = `${table.revision}/${inherited ? `${inherited.table.id}:${inherited.table.revision}` : "-"}`;
  const cache = cacheOf(db);
  const hit = cache.get(table.id);
  if (hit && hit.stamp === stamp) return hit.compiled as CompiledTable<O>;
  const shared = inherited ? await rulesOf(db, inherited, key) : [];
  const own = await repo.listRules(db, table.id);
  const compiled = compileTable<unknown>({
    defaultOutput: JSON.parse(table.default_output),
    rules: asEngineRules([...shared, ...own]),
  });
  cache.set(table.id, { stamp, compiled });
  return compiled as CompiledTable<O>;
}

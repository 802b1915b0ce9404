import type { Actor } from "../../auth/actor.js";
import type { Executor } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { asEngineRules, compiledTable, inheritedRules } from "./compiled-tables.js";
import { compileTable, type Decision } from "../engine/engine.js";
import {
  insertGroupLimitRow,
  isGroupRow,
  limitConditions,
  limitRuleName,
  type LimitOutput,
} from "./patron-limit-rows.js";
import { record, snapshot } from "./rule-tables.js";
import * as repo from "./repository.js";

/** Patron limits (DOMAIN 5.3) through the rule engine: what a group may have, and who decided it. */

/** null is no limit, 0 shuts the group out of digitization, N caps active requests. */
export function describeLimit(max: number | null): string {
  if (max === null) return "No limit on active digitization requests.";
  if (max === 0) return "Cannot request digitization.";
  return `At most ${max} active digitization request${max === 1 ? "" : "s"} at a time.`;
}

export async function decideLimit(
  db: Executor,
  institutionId: number,
  groupCode: string | null,
  options: { trace?: boolean } = {},
): Promise<Decision<LimitOutput>> {
  const table = await compiledTable<LimitOutput>(db, institutionId, "patron_limits");
  return table.evaluate({ user_group: groupCode }, { trace: options.trace === true });
}

/** For a list of groups: one compiled table, one evaluation each. */
export async function limitsOf(db: Executor, institutionId: number, groupCodes: string[]) {
  const table = await compiledTable<LimitOutput>(db, institutionId, "patron_limits");
  return new Map(groupCodes.map((code) => [code, table.evaluate({ user_group: code })]));
}

const locked = (message: string) => new AppError("RULE_LOCKED", { message });

/**
 * Sets a group's limit through its row of the institution's table (the user-groups API's
 * `max_digitization_requests`), versioned like any rule change. A row another rule shadows is
 * moved first so the value set is the value that applies; a consortium rule that decides the
 * group cannot be overridden here.
 */
export async function setGroupLimit(
  tx: Executor,
  actor: Actor,
  groupCode: string,
  max: number | null,
  at: string,
): Promise<void> {
  const inherited = await inheritedRules(tx, actor.institutionId, "patron_limits");
  if (inherited) {
    const shared = compileTable<unknown>({
      defaultOutput: null,
      rules: asEngineRules(inherited.rules),
    }).evaluate({ user_group: groupCode });
    if (shared.ruleId !== null) {
      throw locked(
        `The limit of user group ${groupCode} is set by consortium ${inherited.consortium.code} (rule "${shared.ruleName}") and is read-only here.`,
      );
    }
  }
  const table = await repo.findTable(tx, actor.institutionId, "patron_limits");
  if (!table) throw new AppError("INTERNAL_ERROR", { message: "The institution has no patron limits table." });
  const rules = await repo.listRules(tx, table.id);
  const row = rules.find((r) => isGroupRow(r.conditions, groupCode));
  const output = JSON.stringify({ max_digitization_requests: max } satisfies LimitOutput);
  let rowId: number;
  if (row) {
    rowId = row.id;
    if (row.output !== output || row.enabled !== 1) {
      const after = await repo.updateRule(tx, row.id, { output, enabled: 1 }, at);
      await record(
        tx,
        actor,
        table,
        { rule_id: row.id, action: "updated", before: snapshot(row), after: snapshot(after) },
        at,
      );
    }
  } else {
    rowId = await insertGroupLimitRow(tx, actor.institutionId, groupCode, max, at, actorUserId(actor));
  }
  const current = await repo.listRules(tx, table.id);
  const deciding = compileTable<unknown>({ defaultOutput: null, rules: asEngineRules(current) }).evaluate({
    user_group: groupCode,
  });
  if (deciding.ruleId !== rowId) {
    const order = [rowId, ...current.map((r) => r.id).filter((id) => id !== rowId)];
    for (const [i, id] of order.entries()) await repo.setPosition(tx, id, i + 1);
    await record(
      tx,
      actor,
      table,
      {
        rule_id: null,
        action: "reordered",
        before: JSON.stringify(current.map((r) => r.id)),
        after: JSON.stringify(order),
      },
      at,
    );
  }
}

const actorUserId = (actor: Actor) => (actor.via === "system" ? null : actor.userId);

/** Renames the group's row with the group, so the table keeps describing the same group. */
export async function renameGroupRow(tx: Executor, actor: Actor, from: string, to: string, at: string) {
  const table = await repo.findTable(tx, actor.institutionId, "patron_limits");
  if (!table) return;
  const row = (await repo.listRules(tx, table.id)).find((r) => isGroupRow(r.conditions, from));
  if (!row) return;
  const after = await repo.updateRule(
    tx,
    row.id,
    { name: limitRuleName(to), conditions: JSON.stringify(limitConditions(to)) },
    at,
  );
  await record(
    tx,
    actor,
    table,
    { rule_id: row.id, action: "updated", before: snapshot(row), after: snapshot(after) },
    at,
  );
}

/** A deleted group's row goes with it (its history stays). */
export async function deleteGroupRow(tx: Executor, actor: Actor, groupCode: string, at: string) {
  const table = await repo.findTable(tx, actor.institutionId, "patron_limits");
  if (!table) return;
  for (const row of (await repo.listRules(tx, table.id)).filter((r) => isGroupRow(r.conditions, groupCode))) {
    await repo.deleteRule(tx, row.id);
    await record(tx, actor, table, { rule_id: row.id, action: "deleted", before: snapshot(row), after: null }, at);
  }
}

/** Sharing a group or not changes which consortium rows members inherit: their compiled tables must see it. */
export async function touchLimitTable(tx: Executor, institutionId: number, at: string) {
  const table = await repo.findTable(tx, institutionId, "patron_limits");
  if (table) await repo.touchTable(tx, table.id, at);
}

import type { Executor } from "../../db/database.js";
import type { Condition } from "../engine/engine.js";
import * as repo from "./repository.js";

/**
 * Patron limits (DOMAIN 5.3) are a rule table like every other: each user group has its row, a
 * rule `user_group equals CODE -> {max_digitization_requests}`, written when the group is created
 * and kept in step by the user-groups API. Other rules (several groups at once, a library) are
 * the administrator's own, through the rule-tables API.
 */

export interface LimitOutput {
  max_digitization_requests: number | null;
}

export const limitRuleName = (groupCode: string) => `Limit for ${groupCode}`;

export const limitConditions = (groupCode: string): Condition[] => [
  { parameter: "user_group", operator: "equals", value: groupCode },
];

const describe = (groupCode: string) =>
  `The patron limit of user group ${groupCode}, kept in step with the user group.`;

/** The group a rule is the own row of (exactly the one condition `user_group equals CODE`), or null. */
export function groupRowCode(conditionsJson: string): string | null {
  const c = JSON.parse(conditionsJson) as Condition[];
  const only = c.length === 1 ? c[0]! : null;
  return only && only.parameter === "user_group" && only.operator === "equals" && typeof only.value === "string"
    ? only.value
    : null;
}

export const isGroupRow = (conditionsJson: string, groupCode: string): boolean =>
  groupRowCode(conditionsJson) === groupCode;

export async function patronLimitTableId(db: Executor, institutionId: number): Promise<number> {
  const table = await repo.findTable(db, institutionId, "patron_limits");
  if (!table) throw new Error(`Institution ${institutionId} has no patron_limits table.`);
  return Number(table.id);
}

/**
 * Appends the group's row (a new group decides nothing yet, so last is safe) and records its
 * creation. Returns the rule id.
 */
export async function insertGroupLimitRow(
  db: Executor,
  institutionId: number,
  groupCode: string,
  max: number | null,
  at: string,
  actorUserId: number | null,
): Promise<number> {
  const tableId = await patronLimitTableId(db, institutionId);
  const values = {
    name: limitRuleName(groupCode),
    description: describe(groupCode),
    enabled: 1,
    conditions: JSON.stringify(limitConditions(groupCode)),
    output: JSON.stringify({ max_digitization_requests: max } satisfies LimitOutput),
  };
  const rule = await repo.insertRule(db, { id: tableId, institution_id: institutionId }, values, at);
  await repo.insertVersion(db, {
    institution_id: institutionId,
    rule_table_id: tableId,
    rule_id: rule.id,
    action: "created",
    actor_user_id: actorUserId,
    at,
    before: null,
    after: JSON.stringify({
      position: rule.position,
      name: values.name,
      description: values.description,
      enabled: true,
      locked: false,
      conditions: limitConditions(groupCode),
      output: { max_digitization_requests: max },
    }),
  });
  await repo.touchTable(db, tableId, at);
  return Number(rule.id);
}

import type { Db } from "../../db/database.js";
import type { Condition } from "../engine/engine.js";

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

export async function patronLimitTableId(db: Db, institutionId: number): Promise<number> {
  const row = await db
    .selectFrom("rule_tables")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("kind", "=", "patron_limits")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Appends the group's row (a new group decides nothing yet, so last is safe) and records its
 * creation. Returns the rule id.
 */
export async function insertGroupLimitRow(
  db: Db,
  institutionId: number,
  groupCode: string,
  max: number | null,
  at: string,
  actorUserId: number | null,
): Promise<number> {
  const tableId = await patronLimitTableId(db, institutionId);
  const last = await db
    .selectFrom("rules")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("rule_table_id", "=", tableId)
    .executeTakeFirst();
  const position = Number(last?.max ?? 0) + 1;
  const values = {
    name: limitRuleName(groupCode),
    description: describe(groupCode),
    enabled: 1,
    locked: 0,
    conditions: JSON.stringify(limitConditions(groupCode)),
    output: JSON.stringify({ max_digitization_requests: max } satisfies LimitOutput),
  };
  const rule = await db
    .insertInto("rules")
    .values({
      institution_id: institutionId,
      rule_table_id: tableId,
      position,
      ...values,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ruleId = Number(rule.id);
  await db
    .insertInto("rule_versions")
    .values({
      institution_id: institutionId,
      rule_table_id: tableId,
      rule_id: ruleId,
      action: "created",
      actor_user_id: actorUserId,
      at,
      before: null,
      after: JSON.stringify({
        position,
        name: values.name,
        description: values.description,
        enabled: true,
        locked: false,
        conditions: limitConditions(groupCode),
        output: { max_digitization_requests: max },
      }),
    })
    .execute();
  await db
    .updateTable("rule_tables")
    .set((eb) => ({ revision: eb("revision", "+", 1), updated_at: at }))
    .where("id", "=", tableId)
    .execute();
  return ruleId;
}

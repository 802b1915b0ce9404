import type { Actor } from "../../auth/actor.js";
import { authorize } from "../../auth/policy.js";
import type { Db, Executor } from "../../db/database.js";
import type { RuleVersionsTable } from "../../db/schema.js";
import { AppError, notFound, type FieldProblem } from "../../errors.js";
import type { Condition } from "../engine/engine.js";
import type { TableKind } from "../engine/parameters.js";
import { approvalReasonProblems, reasonCodes } from "../service-terms/approval-reasons.js";
import { inheritedRules } from "./compiled-tables.js";
import { findUnitByCode } from "../service-terms/service-terms-repository.js";
import { mirroredGroups } from "../../people/user-groups-repository.js";
import { codesOf, domainCodes } from "./domain-codes.js";
import * as repo from "./repository.js";
import { outputSchemaByKind } from "../engine/table-kinds.js";
import { validateRule } from "../engine/validate-rule.js";
import { DEFAULT_DIGITIZATION_RULE_NAME } from "../engine/workflow.js";

/**
 * Which table: its kind (parameters and output) and the key it is stored under. A fulfillment
 * unit's Request rules are stored as "fulfillment_unit:<unit id>".
 */
interface TableRef {
  kind: TableKind;
  key: string;
}

const tableRef = (kind: Exclude<TableKind, "fulfillment_unit">): TableRef => ({ kind, key: kind });
export const fulfillmentUnitTable = (unitId: number): TableRef => ({
  kind: "fulfillment_unit",
  key: `fulfillment_unit:${unitId}`,
});

/** The table a route names: a table kind, or fulfillment_unit.<unit code>. */
export async function resolveTable(db: Executor, actor: Actor, name: string): Promise<TableRef> {
  if (name === "digitization" || name === "delivery" || name === "display_logic" || name === "patron_limits")
    return tableRef(name);
  const code = name.slice("fulfillment_unit.".length);
  const unit = await findUnitByCode(db, actor.institutionId, code);
  if (!unit) throw notFound("fulfillment unit");
  return fulfillmentUnitTable(unit.id);
}

/** A fulfillment unit's outputs name a terms of use of the institution. */
function termsOfUseProblems(output: unknown, known: ReadonlySet<string>, label: string, field = "output") {
  const code = (output as { terms_of_use?: unknown } | null)?.terms_of_use;
  return typeof code === "string" && known.has(code)
    ? []
    : [
        {
          field: `${field}.terms_of_use`,
          message: `${label}: ${String(code)} is not a terms of use of this institution`,
        },
      ];
}

/** A consortium's shared group has its limit set by the consortium (DOMAIN 5.3, 5.8): a member cannot name it. */
function sharedGroupProblems(rule: RuleInput, shared: ReadonlySet<string>): FieldProblem[] {
  return rule.conditions.flatMap((c, i) => {
    if (c.parameter !== "user_group") return [];
    const values = Array.isArray(c.value) ? c.value : [c.value];
    const named = values.filter((v) => typeof v === "string" && shared.has(v));
    return named.length
      ? [
          {
            field: `conditions.${i}.value`,
            message: `rule "${rule.name}", condition ${i + 1}: user group ${named.join(", ")} is shared by the consortium, which sets its limit`,
          },
        ]
      : [];
  });
}

/** Use cases for every rule table (DOMAIN 5): one model, validated, versioned and audited. */

export interface RuleInput {
  name: string;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
  conditions: Condition[];
  output: unknown;
}

const invalidRule = (fields: FieldProblem[]) =>
  new AppError("VALIDATION_FAILED", { message: fields.map((f) => f.message).join("; "), fields });

export async function loadTable(db: Executor, actor: Actor, ref: TableRef) {
  authorize(actor, "configuration.read");
  const table = await repo.findTable(db, actor.institutionId, ref.key);
  if (!table) throw notFound("rule table");
  return table;
}

export async function loadRule(db: Executor, actor: Actor, ref: TableRef, id: number) {
  const table = await loadTable(db, actor, ref);
  const rule = await repo.findRule(db, table.id, id);
  if (rule) return { table, rule, consortium: null };
  // A consortium rule is visible in every member, read-only.
  const inherited = await inheritedRules(db, actor.institutionId, ref.key);
  const shared = inherited?.rules.find((r) => r.id === id);
  if (!shared || !inherited) throw notFound("rule");
  return { table, rule: shared, consortium: inherited.consortium.code };
}

/** previous: the output the rule had, for an update. */
async function validate(db: Executor, actor: Actor, ref: TableRef, rule: RuleInput, previous?: unknown): Promise<void> {
  const { terms_of_use, ...codes } = await domainCodes(db, actor.institutionId);
  const problems = validateRule(ref.kind, rule, { ...codes, item_policy: null }, outputSchemaByKind[ref.kind]);
  if (!problems.length && ref.kind === "fulfillment_unit")
    problems.push(...termsOfUseProblems(rule.output, terms_of_use, `rule "${rule.name}", output`));
  if (!problems.length && ref.kind === "digitization") {
    const reasons = await reasonCodes(db, actor.institutionId);
    problems.push(...approvalReasonProblems(rule.output, reasons, `rule "${rule.name}", output`, "output", previous));
  }
  if (!problems.length && ref.kind === "patron_limits")
    problems.push(...sharedGroupProblems(rule, codesOf(await mirroredGroups(db, actor.institutionId))));
  if (problems.length) throw invalidRule(problems);
}

export const snapshot = (r: repo.RuleRow) =>
  JSON.stringify({
    position: r.position,
    name: r.name,
    description: r.description,
    enabled: r.enabled === 1,
    locked: r.locked === 1,
    conditions: JSON.parse(r.conditions),
    output: JSON.parse(r.output),
  });

export async function record(
  tx: Executor,
  actor: Actor,
  table: { id: number },
  v: Pick<RuleVersionsTable, "rule_id" | "action" | "before" | "after">,
  at: string,
) {
  await repo.insertVersion(tx, {
    institution_id: actor.institutionId,
    rule_table_id: table.id,
    actor_user_id: actor.via === "system" ? null : actor.userId,
    at,
    ...v,
  });
  await repo.touchTable(tx, table.id, at);
}

const refuseLocked = (rule: repo.RuleRow, consortium: string | null) => {
  if (consortium !== null || rule.locked === 1) {
    throw new AppError("RULE_LOCKED", {
      message: `Rule "${rule.name}" is set by the consortium and is read-only in member institutions.`,
    });
  }
};

export async function createRule(db: Db, actor: Actor, ref: TableRef, input: RuleInput, now: Date) {
  const table = await loadTable(db, actor, ref);
  authorize(actor, "fulfillment.manage");
  await validate(db, actor, ref, input);
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const rule = await repo.insertRule(
      tx,
      table,
      {
        name: input.name,
        description: input.description ?? null,
        enabled: input.enabled === false ? 0 : 1,
        conditions: JSON.stringify(input.conditions),
        output: JSON.stringify(input.output),
      },
      at,
    );
    await record(tx, actor, table, { rule_id: rule.id, action: "created", before: null, after: snapshot(rule) }, at);
    return rule;
  });
}

export async function updateRule(
  db: Db,
  actor: Actor,
  ref: TableRef,
  id: number,
  patch: Partial<RuleInput>,
  now: Date,
) {
  const { table, rule, consortium } = await loadRule(db, actor, ref, id);
  authorize(actor, "fulfillment.manage");
  refuseLocked(rule, consortium);
  const merged: RuleInput = {
    name: patch.name ?? rule.name,
    description: patch.description === undefined ? rule.description : patch.description,
    enabled: patch.enabled ?? rule.enabled === 1,
    conditions: patch.conditions ?? (JSON.parse(rule.conditions) as Condition[]),
    output: patch.output ?? JSON.parse(rule.output),
  };
  await validate(db, actor, ref, merged, JSON.parse(rule.output));
  const at = now.toISOString();
  const onlyEnabled = Object.keys(patch).every((k) => k === "enabled") && patch.enabled !== undefined;
  return db.transaction().execute(async (tx) => {
    const after = await repo.updateRule(
      tx,
      rule.id,
      {
        name: merged.name,
        description: merged.description ?? null,
        enabled: merged.enabled ? 1 : 0,
        conditions: JSON.stringify(merged.conditions),
        output: JSON.stringify(merged.output),
      },
      at,
    );
    const action = onlyEnabled ? (merged.enabled ? "enabled" : "disabled") : "updated";
    await record(tx, actor, table, { rule_id: rule.id, action, before: snapshot(rule), after: snapshot(after) }, at);
    return after;
  });
}

export async function deleteRule(db: Db, actor: Actor, ref: TableRef, id: number, now: Date): Promise<void> {
  const { table, rule, consortium } = await loadRule(db, actor, ref, id);
  authorize(actor, "fulfillment.manage");
  refuseLocked(rule, consortium);
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    // Requests keep the id of the rule that produced their workflow (no foreign key): the
    // version history still names it.
    await repo.deleteRule(tx, rule.id);
    await record(tx, actor, table, { rule_id: rule.id, action: "deleted", before: snapshot(rule), after: null }, at);
  });
}

/** Puts the rules in the order given; every rule must be named once, and locked rules keep their place. */
export async function reorderRules(db: Db, actor: Actor, ref: TableRef, ruleIds: number[], now: Date) {
  const table = await loadTable(db, actor, ref);
  authorize(actor, "fulfillment.manage");
  const rules = await repo.listRules(db, table.id);
  const current = rules.map((r) => r.id);
  const same =
    ruleIds.length === current.length &&
    new Set(ruleIds).size === ruleIds.length &&
    ruleIds.every((i) => current.includes(i));
  if (!same) {
    throw new AppError("VALIDATION_FAILED", {
      message: "rule_ids must list every rule of the table exactly once.",
      fields: [{ field: "rule_ids", message: `must be a reordering of ${current.join(", ")}` }],
    });
  }
  for (const [i, r] of rules.entries()) {
    if (r.locked === 1 && ruleIds[i] !== r.id) {
      throw new AppError("RULE_LOCKED", { message: `Rule "${r.name}" is set by the consortium; it keeps its place.` });
    }
  }
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    for (const [i, id] of ruleIds.entries()) await repo.setPosition(tx, id, i + 1);
    await record(
      tx,
      actor,
      table,
      { rule_id: null, action: "reordered", before: JSON.stringify(current), after: JSON.stringify(ruleIds) },
      at,
    );
  });
}

/** The default output (for digitization: the Default Digitization Rule), always last. */
export async function updateDefaultOutput(db: Db, actor: Actor, ref: TableRef, output: unknown, now: Date) {
  const table = await loadTable(db, actor, ref);
  authorize(actor, "fulfillment.manage");
  const parsed = outputSchemaByKind[ref.kind].safeParse(output);
  if (!parsed.success) {
    throw invalidRule(
      parsed.error.issues.map((i) => ({
        field: ["default_output", ...i.path.map(String)].join("."),
        message: `the default rule’s output: ${i.message}`,
      })),
    );
  }
  if (ref.kind === "fulfillment_unit") {
    const known = (await domainCodes(db, actor.institutionId)).terms_of_use;
    const problems = termsOfUseProblems(parsed.data, known, "the default rule’s output", "default_output");
    if (problems.length) throw invalidRule(problems);
  }
  if (ref.kind === "digitization") {
    const reasons = await reasonCodes(db, actor.institutionId);
    const previous = JSON.parse(table.default_output) as unknown;
    const label = `the ${DEFAULT_DIGITIZATION_RULE_NAME}’s output`;
    const problems = approvalReasonProblems(parsed.data, reasons, label, "default_output", previous);
    if (problems.length) throw invalidRule(problems);
  }
  const at = now.toISOString();
  await db.transaction().execute((tx) => writeDefaultOutput(tx, actor, table, JSON.stringify(parsed.data), at));
}

/** Stores a table's new default output (already checked) with its version: who, when, before, after. */
export async function writeDefaultOutput(
  tx: Executor,
  actor: Actor,
  table: { id: number; default_output: string },
  after: string,
  at: string,
): Promise<void> {
  await repo.insertVersion(tx, {
    institution_id: actor.institutionId,
    rule_table_id: table.id,
    rule_id: null,
    action: "default_updated",
    actor_user_id: actor.via === "system" ? null : actor.userId,
    at,
    before: table.default_output,
    after,
  });
  await repo.touchTable(tx, table.id, at, after);
}

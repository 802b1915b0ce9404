import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { letterSettings, upsertLetterSetting } from "../letters/letters-repository.js";
import { LETTERS, type LetterCode } from "../letters/letter-codes.js";
import type { Condition } from "../rules/engine/engine.js";
import { workflowSchema, type Workflow } from "../rules/engine/workflow.js";
import * as rules from "../rules/tables/repository.js";
import { record, snapshot, writeDefaultOutput } from "../rules/tables/rule-tables.js";
import { PLANNED_DELIVERY_RULE, PLANNED_DISPLAY_RULE, type PlanChange, type PlanInput } from "./plan-model.js";

const table = async (tx: Executor, actor: Actor, key: string) => {
  const found = await rules.findTable(tx, actor.institutionId, key);
  if (!found) throw new Error(`The institution has no ${key} rule table.`);
  return found;
};

/**
 * The plan's own rule in a table, found by its name: made, changed, switched off, or left as it
 * is, each change versioned like an edit in the rule editor.
 */
async function upsertNamedRule(
  tx: Executor,
  actor: Actor,
  key: string,
  rule: { name: string; description: string; conditions: Condition[]; output: unknown } | null,
  name: string,
  at: string,
): Promise<"create" | "update" | "keep" | null> {
  const t = await table(tx, actor, key);
  const existing = (await rules.listRules(tx, t.id)).find((r) => r.name === name);
  if (!rule) {
    if (!existing || existing.enabled === 0) return null;
    const after = await rules.updateRule(tx, existing.id, { enabled: 0 }, at);
    const versions = { rule_id: existing.id, action: "disabled" as const };
    await record(tx, actor, t, { ...versions, before: snapshot(existing), after: snapshot(after) }, at);
    return "update";
  }
  const values = {
    name: rule.name,
    description: rule.description,
    enabled: 1,
    conditions: JSON.stringify(rule.conditions),
    output: JSON.stringify(rule.output),
  };
  if (!existing) {
    const made = await rules.insertRule(tx, t, values, at);
    await record(tx, actor, t, { rule_id: made.id, action: "created", before: null, after: snapshot(made) }, at);
    return "create";
  }
  if (existing.enabled === 1 && existing.conditions === values.conditions && existing.output === values.output)
    return "keep";
  const after = await rules.updateRule(tx, existing.id, values, at);
  await record(
    tx,
    actor,
    t,
    { rule_id: existing.id, action: "updated", before: snapshot(existing), after: snapshot(after) },
    at,
  );
  return "update";
}

/**
 * Delivery (step 6), display logic (step 9, question 5), the Default Digitization Rule (step 7,
 * questions 2 and 3 and the delivery target) and the letter of that target (step 10).
 */
export async function planRules(tx: Executor, actor: Actor, input: PlanInput, at: string, changes: PlanChange[]) {
  const groups = input.user_groups.filter((g) => g.may_request).map((g) => g.code);
  const delivery = await upsertNamedRule(
    tx,
    actor,
    "delivery",
    {
      name: PLANNED_DELIVERY_RULE,
      description: "The user groups the planning answers allow to request may receive files electronically.",
      conditions: [{ parameter: "user_group", operator: "in_list", value: groups }],
      output: { allowed: true },
    },
    PLANNED_DELIVERY_RULE,
    at,
  );
  if (delivery) changes.push({ kind: "delivery_rule", action: delivery, groups });

  const types = input.excluded_material_types;
  const display = await upsertNamedRule(
    tx,
    actor,
    "display_logic",
    types.length === 0
      ? null
      : {
          name: PLANNED_DISPLAY_RULE,
          description: "The planning answers say patrons may not ask copies of these material types.",
          conditions: [{ parameter: "material_type", operator: "in_list", value: types }],
          output: { hide: ["digitization", "general_digitization"] },
        },
    PLANNED_DISPLAY_RULE,
    at,
  );
  if (display) changes.push({ kind: "display_rule", action: display, material_types: types });

  const digitization = await table(tx, actor, "digitization");
  const before = JSON.parse(digitization.default_output) as Workflow;
  const approving = input.approval_required || input.copyright_clearance_required;
  const link = input.delivery === "link";
  const workflow = workflowSchema.parse({
    ...before,
    target: input.delivery,
    approval_required: input.approval_required,
    copyright_clearance_required: input.copyright_clearance_required,
    approval_mode: approving ? input.approval_mode : null,
    approval_reason: approving && input.approval_mode === "automatic" ? input.approval_reason : null,
    max_views: link ? (input.max_views ?? before.max_views ?? 5) : before.max_views,
    link_expiry_days: link ? (input.link_expiry_days ?? before.link_expiry_days ?? 14) : before.link_expiry_days,
  });
  const after = JSON.stringify(workflow);
  const changed = after !== JSON.stringify(before);
  if (changed) await writeDefaultOutput(tx, actor, digitization, after, at);
  changes.push({
    kind: "digitization_default",
    action: changed ? "update" : "keep",
    target: input.delivery,
    approval_required: workflow.approval_required,
    copyright_clearance_required: workflow.copyright_clearance_required,
    approval_mode: workflow.approval_mode,
    approval_reason: workflow.approval_reason,
    max_views: link ? workflow.max_views : null,
    link_expiry_days: link ? workflow.link_expiry_days : null,
  });

  // An attachment too large to send goes out by link, so attachments need both letters.
  const letters: LetterCode[] = link
    ? ["document_delivery_notification"]
    : ["digitization_notification_item", "document_delivery_notification"];
  const settings = await letterSettings(tx, actor.institutionId);
  for (const code of letters) {
    const enabled = settings.get(code) ?? LETTERS[code].enabledByDefault;
    if (!enabled) await upsertLetterSetting(tx, { institution_id: actor.institutionId, code, enabled: true, at });
    changes.push({ kind: "letter", action: enabled ? "keep" : "update", code });
  }
}

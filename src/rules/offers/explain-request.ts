import type { Actor } from "../../auth/actor.js";
import type { Executor } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { canSee } from "../../requests/policy.js";
import { loadRequest } from "../../requests/load.js";
import { placedEventData } from "../../requests/parts-repository.js";
import { reasonLabels } from "../service-terms/approval-reasons-repository.js";
import { describeStep, type FactValue, type TraceStep } from "../engine/engine.js";
import { DEFAULT_DIGITIZATION_RULE_NAME, type Workflow } from "../engine/workflow.js";

/**
 * Why a request got its workflow (DOMAIN 10): the facts and the trace recorded at placement,
 * so the answer stays true after the rules change.
 */
export async function explainRequest(db: Executor, actor: Actor, id: number) {
  const r = await loadRequest(db, actor, id);
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  const data = (await placedEventData(db, r.id)) ?? {};
  const trace = ((data.trace as TraceStep[] | undefined) ?? []).map((s) => ({ ...s, sentence: describeStep(s) }));
  const ruleName = (data.workflow_rule as string | undefined) ?? DEFAULT_DIGITIZATION_RULE_NAME;
  const workflow = JSON.parse(r.workflow) as Workflow;
  const reason = workflow.approval_reason;
  const reasonLabel =
    reason === null ? null : ((await reasonLabels(db, actor.institutionId, [reason])).get(reason) ?? reason);
  const tasks = [
    workflow.approval_required ? "staff approval" : null,
    workflow.copyright_clearance_required ? "copyright clearance" : null,
  ].filter(Boolean);
  const handling =
    tasks.length === 0
      ? "no approval or copyright clearance"
      : `${tasks.join(" and ")} (${workflow.approval_mode === "automatic" ? `approved automatically: ${reasonLabel}` : workflow.approval_mode === "blocks" ? "before digitization begins" : "in parallel with digitization"})`;
  const why =
    r.workflow_rule_id === null
      ? `No enabled digitization rule matched, so the ${DEFAULT_DIGITIZATION_RULE_NAME} applied`
      : `Digitization rule "${ruleName}" was the first enabled rule whose conditions all held`;
  return {
    request_id: String(r.id),
    rule_id: r.workflow_rule_id === null ? null : String(r.workflow_rule_id),
    rule_name: ruleName,
    sentence: `${why}: delivery by ${workflow.target}, ${handling}.`,
    place: (data.place as string | undefined) ?? null,
    facts: (data.facts as Record<string, FactValue> | undefined) ?? {},
    trace,
    workflow: { ...workflow, approval_reason_label: reasonLabel },
  };
}

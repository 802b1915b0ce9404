import type { Executor } from "../../db/database.js";
import { compiledTable } from "./compiled-tables.js";
import type { Facts, TraceStep } from "../engine/engine.js";
import { DEFAULT_DIGITIZATION_RULE_NAME, type Workflow, workflowSchema } from "../engine/workflow.js";

interface WorkflowDecision {
  workflow: Workflow;
  /** the rule that produced the workflow; null when the table's default rule applied */
  ruleId: number | null;
  ruleName: string;
  trace?: TraceStep[];
}

/**
 * The request's workflow (DOMAIN 5.5): the first enabled digitization rule that matches the
 * facts, else the Default Digitization Rule.
 */
export async function resolveWorkflow(
  db: Executor,
  institutionId: number,
  facts: Facts,
  options: { trace?: boolean } = {},
): Promise<WorkflowDecision> {
  const table = await compiledTable<unknown>(db, institutionId, "digitization");
  const d = table.evaluate(facts, options);
  return {
    workflow: workflowSchema.parse(d.output),
    ruleId: d.ruleId,
    ruleName: d.ruleName ?? DEFAULT_DIGITIZATION_RULE_NAME,
    ...(d.trace ? { trace: d.trace } : {}),
  };
}

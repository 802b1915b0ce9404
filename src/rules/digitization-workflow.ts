import type { Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import { DEFAULT_DIGITIZATION_RULE_NAME, type Workflow, workflowSchema } from "./workflow.js";

export interface WorkflowDecision {
  workflow: Workflow;
  /** the rule that produced the workflow; null when the table's default rule applied */
  ruleId: number | null;
  ruleName: string;
}

/**
 * The seam where the rule engine plugs in: today the institution's Default Digitization Rule,
 * read from the `digitization` rule table, decides every request's workflow.
 */
export async function resolveWorkflow(db: Executor, institutionId: number): Promise<WorkflowDecision> {
  const table = await db
    .selectFrom("rule_tables")
    .select(["default_output"])
    .where("institution_id", "=", institutionId)
    .where("kind", "=", "digitization")
    .executeTakeFirst();
  if (!table) throw new AppError("INTERNAL_ERROR", { message: "The institution has no digitization rule table." });
  return {
    workflow: workflowSchema.parse(JSON.parse(table.default_output)),
    ruleId: null,
    ruleName: DEFAULT_DIGITIZATION_RULE_NAME,
  };
}

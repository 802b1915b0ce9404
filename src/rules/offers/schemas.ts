import { z } from "zod";
import { workflowOutputSchema } from "../engine/workflow.js";

/** The zod schemas of the services-offered (DOMAIN 4) and explain (DOMAIN 10) routes. */

export const numericId = z.coerce.number().int().positive();
const conditionOut = z.object({ parameter: z.string(), operator: z.string(), value: z.unknown().optional() });
export const traceStepSchema = z.object({
  rule_id: z.number(),
  rule_name: z.string(),
  result: z.enum(["disabled", "failed", "matched"]),
  failed_condition: z.object({ index: z.number(), condition: conditionOut, actual: z.unknown() }).optional(),
  sentence: z.string(),
});
const stepSchema = z.object({
  check: z.string(),
  passed: z.boolean(),
  sentence: z.string().describe("the decision in words"),
  table: z.string().nullable().describe("the rule table that decided, if any"),
  rule_id: z.number().nullable().describe("the rule that decided; null when the table's default applied"),
  rule_name: z.string().nullable(),
  trace: z.array(traceStepSchema).nullable().describe("every rule tried"),
});
export const serviceSchema = z.object({
  type: z.enum(["DIGITIZATION", "GENERAL_DIGITIZATION"]),
  offered: z.boolean(),
  reason: z.string(),
  item_id: z.string().nullable(),
  steps: z.array(stepSchema),
});
export const requestOptionsSchema = z.object({
  request_option: z.array(z.object({ type: z.object({ value: z.string(), desc: z.string() }), reason: z.string() })),
});

export const explainQuery = z.object({
  user_id: z.string().optional(),
  mms_id: numericId,
  item_id: numericId.optional(),
});
export const explanationSchema = z.object({
  user_id: z.string(),
  mms_id: z.string(),
  services: z.array(serviceSchema),
});
export const requestExplanationSchema = z.object({
  request_id: z.string(),
  rule_id: z.string().nullable(),
  rule_name: z.string(),
  sentence: z.string(),
  place: z.string().nullable(),
  facts: z.record(z.string(), z.unknown()),
  trace: z.array(traceStepSchema),
  workflow: workflowOutputSchema.omit({ rule_id: true }),
});

import { z } from "zod";

/** The zod schemas of routes.ts: what its routes accept and answer. */

export const tableParam = z.object({
  table: z
    .string()
    .regex(
      /^(digitization|delivery|display_logic|patron_limits|fulfillment_unit\.[A-Za-z0-9_.-]+)$/,
      "must be digitization, delivery, display_logic, patron_limits or fulfillment_unit.<unit code>",
    )
    .describe(
      "digitization, delivery, display_logic, patron_limits, or fulfillment_unit.<code> for a fulfillment unit's Request rules",
    ),
});
export const ruleParam = tableParam.extend({ id: z.coerce.number().int().positive() });

const conditionValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number()])),
  z.null(),
]);
// The operator is checked by the rule validation (not the enum here) so the error names the rule.
const conditionSchema = z.object({ parameter: z.string(), operator: z.string(), value: conditionValue.optional() });
export const outputSchema = z.record(z.string(), z.unknown());

export const ruleBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(255),
    description: z.string().trim().max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
    conditions: z.array(conditionSchema).max(50),
    output: outputSchema,
  })
  .strict();

export const ruleSchema = z.object({
  id: z.number(),
  position: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  locked: z.boolean(),
  consortium: z.string().nullable().describe("the consortium that set this rule; read-only here"),
  conditions: z.array(conditionSchema),
  output: outputSchema,
  created_at: z.string(),
  updated_at: z.string(),
});
const parameterSchema = z.object({
  name: z.string(),
  type: z.string(),
  label: z.string(),
  operators: z.array(z.string()),
  values: z.array(z.string()).nullable(),
});
export const tableSchema = z.object({
  table: z.string(),
  kind: z.string(),
  title: z.string(),
  revision: z.number(),
  default_output: outputSchema,
  rules: z.array(ruleSchema),
  parameters: z.array(parameterSchema),
});
export const versionSchema = z.object({
  id: z.number(),
  rule_id: z.number().nullable(),
  action: z.string(),
  actor_user_id: z.number().nullable(),
  actor_name: z.string().nullable().describe("who made the change, for people to read; null: the system"),
  at: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

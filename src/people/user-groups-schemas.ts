import { z } from "zod";
import { codeField, nameField } from "../server/schemas.js";

/** The zod schemas of user-groups-routes.ts: what its routes accept and answer. */
const limitField = z
  .number()
  .int("must be a whole number")
  .min(0, "must be 0 or more (0: the group cannot request digitization; null: no limit)")
  .nullable();

export const userGroupSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  max_digitization_requests: z
    .number()
    .nullable()
    .describe("the limit that applies, from the patron limits table; null: no limit; 0: cannot request digitization"),
  limit_description: z.string(),
  limit_rule: z
    .object({ id: z.number(), name: z.string() })
    .nullable()
    .describe("the rule of /api/v1/rule-tables/patron_limits that decides the limit; null: the table's default"),
  shared: z.boolean().describe("a consortium group that every member institution holds a read-only copy of"),
  locked: z.boolean().describe("a copy of a consortium's shared group: read-only here"),
  consortium: z.string().nullable().describe("for a locked copy, the consortium that shares it"),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createBody = z
  .object({
    code: codeField,
    name: nameField,
    max_digitization_requests: limitField.optional(),
    shared: z.boolean().optional(),
  })
  .strict();
export const patchBody = z
  .object({ code: codeField, name: nameField, max_digitization_requests: limitField, shared: z.boolean() })
  .partial()
  .strict();

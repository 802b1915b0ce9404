import { z } from "zod";
import { codeField, nameField, optionalText } from "../../server/schemas.js";

/** The zod schemas of approval-reasons-routes.ts: what its routes accept and answer. */

export const reasonBody = z
  .object({
    code: codeField,
    label: nameField,
    description: optionalText(),
    active: z.boolean().optional(),
  })
  .strict();
export const reasonPatch = z
  .object({
    code: codeField,
    label: nameField,
    description: optionalText(),
    active: z.boolean(),
  })
  .partial()
  .strict();
export const orderBody = z
  .object({
    reason_ids: z.array(z.number().int().positive()).max(1000).describe("every approval reason's id, once, in order"),
  })
  .strict();

export const reasonSchema = z.object({
  id: z.number(),
  code: z.string().describe("what a digitization rule's output.approval_reason names"),
  label: z.string(),
  description: z.string().nullable(),
  active: z.boolean().describe("an inactive reason cannot be newly chosen; rules that name it keep it"),
  position: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const listSchema = z.object({ approval_reasons: z.array(reasonSchema) });

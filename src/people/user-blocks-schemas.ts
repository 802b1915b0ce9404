import { z } from "zod";
import { codeField, idParam, optionalText } from "../server/schemas.js";

/** The zod schemas of user-blocks-routes.ts: what its routes accept and answer. */
export const blockSchema = z.object({
  id: z.number(),
  user_id: z.number(),
  block_type: z.string(),
  note: z.string().nullable(),
  expires_at: z.string().nullable(),
  active: z.boolean().describe("false once expires_at has passed"),
  created_at: z.string(),
});

export const blockBody = z
  .object({
    block_type: codeField.describe("e.g. GENERAL, OVERDUE, FINES"),
    note: optionalText(),
    expires_at: z.iso
      .datetime({ offset: true, message: "must be an ISO date-time such as 2026-06-30T23:59:00Z" })
      .nullable()
      .optional(),
  })
  .strict();

export const blockParams = idParam.extend({ block_id: z.coerce.number().int().positive() });

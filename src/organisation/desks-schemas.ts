import { z } from "zod";
import { codeField, nameField } from "../server/schemas.js";
import { workTimeDays } from "./fields.js";

/** The zod schemas of desks-routes.ts: what its routes accept and answer. */
const digitizationSchema = z.object({
  supports_digitization: z.boolean(),
  work_time_days: z.number().nullable(),
});
export const deskSchema = z.object({
  id: z.number(),
  library_id: z.number(),
  code: z.string(),
  name: z.string(),
  digitization: digitizationSchema,
  created_at: z.string(),
  updated_at: z.string(),
});

const digitizationBody = z
  .object({
    supports_digitization: z.boolean(),
    work_time_days: workTimeDays.nullable().optional(),
  })
  .strict()
  .describe("work_time_days is required when supports_digitization is true: unfilled requests expire after it.");
export const deskBody = z
  .object({ code: codeField, name: nameField, digitization: digitizationBody.optional() })
  .strict();
export const deskChanges = z
  .object({ code: codeField, name: nameField, digitization: digitizationBody.partial().strict() })
  .partial()
  .strict();

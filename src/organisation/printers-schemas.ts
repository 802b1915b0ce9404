import { z } from "zod";
import { codeField, nameField, optionalText } from "../server/schemas.js";
import { emailField } from "./fields.js";

/** The zod schemas of printers-routes.ts: what its routes accept and answer. */
export const printerSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  email: z.string().nullable(),
  print_method: z.enum(["email", "queue"]).describe("email: print-by-email; queue: the on-screen printout queue only"),
  created_at: z.string(),
  updated_at: z.string(),
});
export const printerBody = z
  .object({
    code: codeField,
    name: nameField,
    description: optionalText(),
    email: emailField.nullable().optional().describe("An address prints by email; null keeps the printout queue only."),
  })
  .strict();

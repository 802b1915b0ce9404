import { z } from "zod";
import { LETTER_CODES } from "./letter-codes.js";

/** The zod schemas of letters-routes.ts: what its routes accept and answer. */
const templateSchema = z.object({
  language: z.string(),
  customized: z.boolean().describe("false: Recto's built-in text (en, fr, de, es); true: the institution's own"),
  subject: z.string(),
  body_html: z.string(),
  body_text: z.string(),
});
export const letterSchema = z.object({
  code: z.enum(LETTER_CODES),
  description: z.string(),
  enabled: z.boolean(),
  templates: z.array(templateSchema),
});
export const templateBody = z
  .object({
    subject: z.string().min(1, "must not be empty").max(500, "must be at most 500 characters"),
    body_html: z.string().max(100_000, "must be at most 100000 characters"),
    body_text: z.string().min(1, "must not be empty").max(100_000, "must be at most 100000 characters"),
  })
  .strict();
export const languageField = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "must be a language code such as en, fr or pt-BR");
export const codeParams = z.object({ code: z.string().max(100) });
export const templateParams = codeParams.extend({ language: languageField });
export const rendered = z.object({ language: z.string(), subject: z.string(), html: z.string(), text: z.string() });
export const emlSchema = z.object({
  id: z.number(),
  outbox_id: z.number(),
  request_id: z.number().nullable(),
  letter_code: z.string(),
  recipient: z.string().nullable(),
  message_id: z.string(),
  eml_name: z.string().nullable(),
  sent_at: z.string().nullable(),
  download_links: z
    .array(
      z.object({
        file_name: z.string(),
        max_views: z.number(),
        views_used: z.number(),
        expires_at: z.string(),
        revoked: z.boolean(),
      }),
    )
    .describe("The download links the letter carried (a link was sent); their tokens are never shown to staff."),
});

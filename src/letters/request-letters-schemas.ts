import { z } from "zod";

/** The zod schemas of request-letters-routes.ts. */
export const requestLetterSchema = z.object({
  letter_id: z.string(),
  letter_code: z
    .string()
    .describe("which letter (GET /letters): request_cancelled, document_delivery_notification, ..."),
  recipient: z.string().nullable(),
  status: z
    .enum(["sending", "unsent", "sent", "suppressed"])
    .describe("sent: accepted by the mail server (or written as .eml); suppressed: the letter is disabled"),
  tries: z.number(),
  transport: z.enum(["smtp", "eml"]).nullable(),
  first_try_at: z.string(),
  sent_at: z.string().nullable(),
  subject: z.string().nullable().describe("null: not sent yet, or sent before Recto kept letters' texts"),
  body_text: z.string().nullable(),
  body_html: z
    .string()
    .nullable()
    .describe("the HTML as sent; every download link's token replaced by [download link withheld]"),
});

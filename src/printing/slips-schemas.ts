import { z } from "zod";

/** The zod schemas of slips-routes.ts. */
export const slipsBody = z
  .object({
    request_ids: z
      .array(
        z
          .union([z.string(), z.number()])
          .transform((v) => String(v).trim())
          .refine((v) => /^[1-9]\d{0,15}$/.test(v), "must be request ids (digits)")
          .transform(Number),
      )
      .min(1, "must name at least one request")
      .max(100, "must name at most 100 requests")
      .describe("The requests whose pick slips to print"),
  })
  .strict();

export const slipsAnswer = z.object({
  slips: z.array(
    z.object({
      request_id: z.string(),
      outbox_id: z
        .number()
        .describe("the print job (GET /outbox?request_id=) that puts the slip in the printout queue"),
    }),
  ),
});

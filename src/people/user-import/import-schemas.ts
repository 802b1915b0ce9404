import { z } from "zod";

/** The zod schemas of import-routes.ts. */
const flag = z.stringbool().default(false);

export const importQuery = z
  .object({
    dry_run: flag.describe("true: check and report, write nothing"),
    expire_missing: flag.describe(
      "true: the files are the whole patron population; users they do not list (staff aside) expire",
    ),
  })
  .strict();

export const importReportSchema = z.object({
  records: z.number().describe("records read from the files"),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  expired: z.number().describe("users no longer listed, expired by a full load"),
  skipped: z.number().describe("records left out for their problems"),
  dry_run: z.boolean(),
  problems: z
    .array(
      z.object({
        file: z.string(),
        row: z.number().describe("the CSV line or the XML record's position; 0 for the whole file"),
        field: z.string().nullable(),
        reason: z.string(),
      }),
    )
    .describe("every record left out and why; a file read with none loaded has one problem at its row 0 or header"),
});

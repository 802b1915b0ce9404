import { z } from "zod";
import { DEFAULT_PROFILE, PROFILE_NAMES } from "./import-profiles.js";

/** The zod schemas of import-routes.ts: what its routes accept and answer. */
const count = z.number().int();
const reportSchema = z.object({
  dry_run: z.boolean(),
  profile: z.string(),
  files: z.array(z.object({ name: z.string(), format: z.string().nullable(), records: count })),
  records_read: count,
  records_skipped: count,
  bibs_created: count,
  bibs_updated: count,
  bibs_unchanged: count,
  holdings_created: count,
  holdings_updated: count,
  items_created: count,
  items_updated: count,
  items_unchanged: count,
  items_skipped: count,
  created_libraries: z.array(z.string()),
  created_locations: z.array(z.string()),
  unknown_libraries: z.record(z.string(), count),
  unknown_locations: z.record(z.string(), count),
  changes: z.array(z.object({ file: z.string(), record: count, bib_id: count, fields: z.array(z.string()) })),
  problems: z.array(z.object({ file: z.string(), record: count.nullable(), message: z.string() })),
});

export const importSchema = z
  .object({
    id: z.number(),
    status: z.enum(["QUEUED", "RUNNING", "DONE", "FAILED"]),
    profile: z.string(),
    dry_run: z.boolean(),
    create_missing: z.boolean(),
    files: z.array(z.string()),
    records_total: count,
    records_done: count,
    report: reportSchema.nullable().describe("the full report once the import is DONE"),
    error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .describe("A MARC import run by the worker; records_done / records_total is its progress.");

export const startQuery = z
  .object({
    profile: z.enum(PROFILE_NAMES as [string, ...string[]]).default(DEFAULT_PROFILE),
    dry_run: z.stringbool().default(false),
    create_missing: z.stringbool().default(false),
  })
  .strict();

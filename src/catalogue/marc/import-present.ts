import { z } from "zod";
import { loadMarcImport } from "./import-jobs.js";
import type { ImportReport } from "./import-report.js";
import { importSchema } from "./import-schemas.js";

/** The JSON that import-routes.ts answers. */
export type ImportRow = Awaited<ReturnType<typeof loadMarcImport>>;
export const present = (r: ImportRow): z.infer<typeof importSchema> => ({
  id: r.id,
  status: r.status,
  profile: r.profile,
  dry_run: r.dry_run === 1,
  create_missing: r.create_missing === 1,
  files: (JSON.parse(r.files) as { name: string }[]).map((f) => f.name),
  records_total: r.records_total,
  records_done: r.records_done,
  report: r.report ? (JSON.parse(r.report) as ImportReport) : null,
  error: r.error,
  created_at: r.created_at,
  started_at: r.started_at,
  finished_at: r.finished_at,
});

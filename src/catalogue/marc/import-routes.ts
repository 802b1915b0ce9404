import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors.js";
import { fileStorageFromConfig } from "../../files/file-storage.js";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses, errorSchema, idParam } from "../../server/schemas.js";
import { listMarcImports, loadMarcImport, startMarcImport } from "./import-jobs.js";
import type { ImportReport } from "./import-report.js";
import { DEFAULT_PROFILE, PROFILE_NAMES } from "./import-profiles.js";
import { assertStorableText } from "../../server/input-guard.js";

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

const importSchema = z
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

type ImportRow = Awaited<ReturnType<typeof loadMarcImport>>;
const present = (r: ImportRow): z.infer<typeof importSchema> => ({
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

const startQuery = z
  .object({
    profile: z.enum(PROFILE_NAMES as [string, ...string[]]).default(DEFAULT_PROFILE),
    dry_run: z.stringbool().default(false),
    create_missing: z.stringbool().default(false),
  })
  .strict();

export const marcImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const storage = fileStorageFromConfig(app.ctx.config);
  const tags = ["Catalogue"];

  app.post(
    "/catalogue/imports",
    {
      schema: {
        tags,
        summary:
          "Import a MARC file (multipart field 'file': ISO 2709 or MARCXML, MARC-8 or UTF-8) in the background; follow it with GET /catalogue/imports/{id}",
        consumes: ["multipart/form-data"],
        querystring: startQuery,
        response: { 202: importSchema, ...errorResponses, 413: errorSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const part = await req.file();
      if (!part) {
        throw new AppError("VALIDATION_FAILED", {
          message: "Send the MARC file as the multipart/form-data field 'file'.",
          fields: [{ field: "file", message: "is required" }],
        });
      }
      assertStorableText(part.filename, "file", "has a name that ");
      const bytes = await part.toBuffer().catch((err: unknown) => {
        if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw new AppError("FILE_TOO_LARGE");
        throw err;
      });
      const row = await startMarcImport(
        db,
        storage,
        actor,
        {
          fileName: part.filename,
          bytes,
          profile: req.query.profile,
          dryRun: req.query.dry_run,
          createMissing: req.query.create_missing,
        },
        clock.now(),
      );
      return reply.status(202).send(present(row));
    },
  );

  app.get(
    "/catalogue/imports",
    {
      schema: {
        tags,
        summary: "The institution's latest 50 MARC imports, newest first",
        response: { 200: z.object({ imports: z.array(importSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ imports: (await listMarcImports(db, requireActor(req))).map(present) }),
  );

  app.get(
    "/catalogue/imports/:id",
    {
      schema: {
        tags,
        summary: "A MARC import: its status, progress and, once done, its report",
        params: idParam,
        response: { 200: importSchema, ...errorResponses },
      },
    },
    async (req) => present(await loadMarcImport(db, requireActor(req), req.params.id)),
  );
};

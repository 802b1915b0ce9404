import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors.js";
import { fileStorageFromConfig } from "../../files/file-storage.js";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses, errorSchema, idParam } from "../../server/schemas.js";
import { listMarcImports, loadMarcImport, startMarcImport } from "./import-jobs.js";
import { assertStorableText } from "../../server/input-guard.js";
import { importSchema, startQuery } from "./import-schemas.js";
import { present } from "./import-present.js";

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

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { fileStorageFromConfig } from "../../files/file-storage.js";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses, errorSchema, idParam } from "../../server/schemas.js";
import { listMarcImports, loadMarcImport, startMarcImport } from "./import-jobs.js";
import { noFileSent, readUploadedFile } from "../../server/uploaded-file.js";
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
      if (!part) throw noFileSent("the MARC file");
      const { name, bytes } = await readUploadedFile(part);
      const row = await startMarcImport(
        db,
        storage,
        actor,
        {
          fileName: name,
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

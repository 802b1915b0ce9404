import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../server/auth-plugin.js";
import { noFileSent, readUploadedFile } from "../../server/uploaded-file.js";
import { errorResponses, errorSchema } from "../../server/schemas.js";
import { importUsersAs, type UserFile } from "./import-users.js";
import { importQuery, importReportSchema } from "./import-schemas.js";

export const userImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;

  app.post(
    "/users/imports",
    {
      schema: {
        tags: ["Users"],
        summary:
          "Load patrons in bulk (multipart fields 'file', one or more: CSV with a header row, or the reference platform's user XML); new users created, existing ones updated by primary id, bad records reported and skipped",
        consumes: ["multipart/form-data"],
        querystring: importQuery,
        response: { 200: importReportSchema, ...errorResponses, 413: errorSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const files: UserFile[] = [];
      for await (const part of req.isMultipart() ? req.files() : []) {
        const { name, bytes } = await readUploadedFile(part);
        files.push({ name: name || `file ${files.length + 1}`, bytes });
      }
      if (files.length === 0) throw noFileSent("the users’ file");
      return importUsersAs(db, actor, files, {
        dryRun: req.query.dry_run,
        expireMissing: req.query.expire_missing,
        now: clock.now(),
      });
    },
  );
};

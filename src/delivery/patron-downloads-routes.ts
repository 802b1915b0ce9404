import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../errors.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, errorSchema } from "../server/schemas.js";
import { RESUME_WINDOW_MINUTES } from "./download.js";
import { listPatronDownloads, openPatronDownload } from "./patron-downloads.js";

const requestParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const downloadParams = requestParam.extend({
  download_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

const downloadSchema = z.object({
  download_id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size_bytes: z.number(),
  max_views: z.number(),
  views_left: z.number().describe("downloads still allowed"),
  expires_at: z.string().describe("when the download stops working"),
  state: z.enum(["available", "used_up", "expired"]).describe("expired also covers withdrawn links and deleted files"),
  resumable: z.boolean().describe(`a download started in the last ${RESUME_WINDOW_MINUTES} minutes may be resumed`),
});

/** The signed-in patron's downloads of their own delivered requests (same view rules as the links in letters). */
export const patronDownloadRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["Delivery"];

  app.get(
    "/requests/:id/downloads",
    {
      schema: {
        tags,
        summary: "Your files of your own delivered request: downloads left and expiry (the patron only)",
        description:
          "The links the request's delivery letters carry, newest first, without their tokens. Only the patron who " +
          "placed the request sees them; anyone else (staff included) gets 404.",
        params: requestParam,
        response: { 200: z.object({ downloads: z.array(downloadSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ downloads: await listPatronDownloads(app.ctx, requireActor(req), req.params.id) }),
  );

  app.get(
    "/requests/:id/downloads/:download_id/file",
    {
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: "Download your delivered file while signed in: a GET from byte 0 counts one view",
        description:
          "The same rules as `/downloads/{token}/file`: a GET without Range (or from byte 0) counts one view " +
          `atomically and opens a ${RESUME_WINDOW_MINUTES}-minute resume window in which later ranges count nothing; ` +
          "410 LINK_EXPIRED once used up, expired or withdrawn, 410 LINK_RESUME_CLOSED for a late range, 416 for a " +
          "range past the end. Another patron's request: 404.",
        params: downloadParams,
        response: {
          200: z.any().describe("the file"),
          206: z.any().describe("part of the file"),
          ...errorResponses,
          410: errorSchema,
          416: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const range = typeof req.headers.range === "string" ? req.headers.range : undefined;
      try {
        const d = await openPatronDownload(app.ctx, requireActor(req), req.params.id, req.params.download_id, range);
        return await reply.status(d.status).headers(d.headers).send(d.body);
      } catch (err) {
        if (err instanceof AppError && err.code === "RANGE_NOT_SATISFIABLE") {
          reply.header("content-range", `bytes */${String(err.details?.size_bytes ?? "*")}`);
        }
        throw err;
      }
    },
  );
};

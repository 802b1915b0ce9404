import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./printouts.js";
import { statusField, printoutSchema } from "./printouts-schemas.js";
import { present } from "./printouts-present.js";

export const printoutRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;
  const tags = ["Printing"];

  app.get(
    "/printouts",
    {
      schema: {
        tags,
        summary: "The printout queue: pick slips waiting, printed or dismissed (fulfillment staff)",
        querystring: z.object({
          status: statusField.optional(),
          printer_id: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ printouts: z.array(printoutSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await uc.listQueue(db, requireActor(req), {
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.printer_id ? { printerId: q.printer_id } : {}),
      });
      return { printouts: rows.map(present) };
    },
  );

  app.get(
    "/printouts/:id/pdf",
    {
      schema: {
        tags,
        summary: "The printout as PDF (the pick slip with the item barcode; optionally a cover sheet)",
        description:
          "A browser opens it with the session cookie of a signed-in user; scripts send `Authorization: Bearer <key>`. An API key in the URL is refused.",
        params: idParam,
        querystring: z.object({
          cover_sheet: z.enum(["true", "false"]).default("false"),
        }),
        response: { 200: z.any().describe("application/pdf"), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { row, pdf } = await uc.printoutPdf(
        db,
        requireActor(req),
        req.params.id,
        req.query.cover_sheet === "true",
        clock.now(),
        config.letterRender,
      );
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="pick-slip-${row.request_id}.pdf"`)
        .header("cache-control", "private, no-store")
        .send(Buffer.from(pdf));
    },
  );

  for (const action of ["print", "reprint", "dismiss"] as const) {
    app.post(
      `/printouts/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === "print"
              ? "Mark a queued printout printed"
              : action === "reprint"
                ? "Print a printout again"
                : "Dismiss a printout from the queue",
          params: idParam,
          response: { 200: printoutSchema, ...errorResponses },
        },
      },
      async (req) => present(await uc.movePrintout(db, requireActor(req), req.params.id, action, clock.now())),
    );
  }
};

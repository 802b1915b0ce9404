import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import type { PrintoutListRow } from "./printouts-repository.js";
import * as uc from "./printouts.js";

const statusField = z.enum(["queued", "printed", "dismissed"]);
const printoutSchema = z.object({
  id: z.number(),
  request_id: z.number(),
  document: z.string(),
  status: statusField,
  print_count: z.number(),
  printer_id: z.number().nullable(),
  printer_code: z.string().nullable(),
  emailed_to: z.string().nullable().describe("the printer's address, when it was sent by print-by-email"),
  created_at: z.string(),
  updated_at: z.string(),
});
const present = (p: PrintoutListRow): z.infer<typeof printoutSchema> => ({
  id: p.id,
  request_id: p.request_id,
  document: p.document,
  status: p.status,
  print_count: p.print_count,
  printer_id: p.printer_id,
  printer_code: p.printer_code,
  emailed_to: p.emailed_to,
  created_at: p.created_at,
  updated_at: p.updated_at,
});

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

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./printers.js";
import { printerSchema, printerBody } from "./printers-schemas.js";
import { presentPrinter } from "./printers-present.js";

export const printerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Organisation"];

  app.get(
    "/printers",
    {
      schema: {
        tags,
        summary: "List the institution's printers (staff)",
        response: { 200: z.object({ printers: z.array(printerSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ printers: (await uc.listPrinters(db, requireActor(req))).map(presentPrinter) }),
  );

  app.post(
    "/printers",
    {
      schema: {
        tags,
        summary: "Create a printer",
        description: "Needs organisation.manage.",
        body: printerBody,
        response: { 201: printerSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const printer = await uc.createPrinter(db, requireActor(req), req.body, clock.now());
      return reply.status(201).send(presentPrinter(printer));
    },
  );

  app.get(
    "/printers/:id",
    {
      schema: {
        tags,
        summary: "Read a printer (staff)",
        params: idParam,
        response: { 200: printerSchema, ...errorResponses },
      },
    },
    async (req) => presentPrinter(await uc.readPrinter(db, requireActor(req), req.params.id)),
  );

  app.patch(
    "/printers/:id",
    {
      schema: {
        tags,
        summary: "Change a printer",
        description: "Needs organisation.manage. Set email to null to print through the printout queue only.",
        params: idParam,
        body: printerBody.partial().strict(),
        response: { 200: printerSchema, ...errorResponses },
      },
    },
    async (req) => presentPrinter(await uc.updatePrinter(db, requireActor(req), req.params.id, req.body, clock.now())),
  );

  app.delete(
    "/printers/:id",
    {
      schema: {
        tags,
        summary: "Delete a printer that is no department's default printer",
        description: "Needs organisation.manage.",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deletePrinter(db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

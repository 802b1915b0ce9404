import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { codeField, errorResponses, idParam, nameField, optionalText } from "../server/schemas.js";
import { emailField } from "./fields.js";
import * as uc from "./printers.js";

const printerSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  email: z.string().nullable(),
  print_method: z.enum(["email", "queue"]).describe("email: print-by-email; queue: the on-screen printout queue only"),
  created_at: z.string(),
  updated_at: z.string(),
});
const printerBody = z
  .object({
    code: codeField,
    name: nameField,
    description: optionalText(),
    email: emailField.nullable().optional().describe("An address prints by email; null keeps the printout queue only."),
  })
  .strict();

interface PrinterRow {
  id: number;
  code: string;
  name: string;
  description: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}
const presentPrinter = (p: PrinterRow): z.infer<typeof printerSchema> => ({
  id: p.id,
  code: p.code,
  name: p.name,
  description: p.description,
  email: p.email,
  print_method: p.email ? "email" : "queue",
  created_at: p.created_at,
  updated_at: p.updated_at,
});

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

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { codeField, errorResponses, idParam, nameField } from "../server/schemas.js";
import * as uc from "./desks.js";
import { workTimeDays } from "./fields.js";

const digitizationSchema = z.object({
  supports_digitization: z.boolean(),
  work_time_days: z.number().nullable(),
});
const deskSchema = z.object({
  id: z.number(),
  library_id: z.number(),
  code: z.string(),
  name: z.string(),
  digitization: digitizationSchema,
  created_at: z.string(),
  updated_at: z.string(),
});

const digitizationBody = z
  .object({
    supports_digitization: z.boolean(),
    work_time_days: workTimeDays.nullable().optional(),
  })
  .strict()
  .describe("work_time_days is required when supports_digitization is true: unfilled requests expire after it.");
const deskBody = z.object({ code: codeField, name: nameField, digitization: digitizationBody.optional() }).strict();
const deskChanges = z
  .object({ code: codeField, name: nameField, digitization: digitizationBody.partial().strict() })
  .partial()
  .strict();

interface DeskRow {
  id: number;
  library_id: number;
  code: string;
  name: string;
  supports_digitization: number;
  work_time_days: number | null;
  created_at: string;
  updated_at: string;
}
const presentDesk = (d: DeskRow): z.infer<typeof deskSchema> => ({
  id: d.id,
  library_id: d.library_id,
  code: d.code,
  name: d.name,
  digitization: { supports_digitization: d.supports_digitization === 1, work_time_days: d.work_time_days },
  created_at: d.created_at,
  updated_at: d.updated_at,
});

export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Organisation"];

  app.get(
    "/libraries/:id/desks",
    {
      schema: {
        tags,
        summary: "List a library's circulation desks",
        params: idParam,
        response: { 200: z.object({ desks: z.array(deskSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ desks: (await uc.listLibraryDesks(db, requireActor(req), req.params.id)).map(presentDesk) }),
  );

  app.post(
    "/libraries/:id/desks",
    {
      schema: {
        tags,
        summary: "Create a circulation desk in a library",
        description: "Needs fulfillment.manage. Without a digitization section the desk does not support digitization.",
        params: idParam,
        body: deskBody,
        response: { 201: deskSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const desk = await uc.createDesk(db, requireActor(req), req.params.id, req.body, clock.now());
      return reply.status(201).send(presentDesk(desk));
    },
  );

  app.get(
    "/desks/:id",
    {
      schema: {
        tags,
        summary: "Read a circulation desk",
        params: idParam,
        response: { 200: deskSchema, ...errorResponses },
      },
    },
    async (req) => presentDesk(await uc.loadDesk(db, requireActor(req), req.params.id)),
  );

  app.patch(
    "/desks/:id",
    {
      schema: {
        tags,
        summary: "Change a circulation desk",
        description: "Needs fulfillment.manage. Keys of the digitization section that are not sent keep their value.",
        params: idParam,
        body: deskChanges,
        response: { 200: deskSchema, ...errorResponses },
      },
    },
    async (req) => presentDesk(await uc.updateDesk(db, requireActor(req), req.params.id, req.body, clock.now())),
  );

  app.delete(
    "/desks/:id",
    {
      schema: {
        tags,
        summary: "Delete a circulation desk that no request or rule references",
        description: "Needs fulfillment.manage. Role grants scoped to the desk are removed with it.",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteDesk(db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

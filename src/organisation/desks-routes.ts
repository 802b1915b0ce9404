import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./desks.js";
import { deskSchema, deskBody, deskChanges } from "./desks-schemas.js";
import { presentDesk } from "./desks-present.js";

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

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses, idParam } from "../../server/schemas.js";
import * as uc from "./approval-reasons.js";
import { reasonBody, reasonPatch, orderBody, reasonSchema, listSchema } from "./approval-reasons-schemas.js";
import { present } from "./approval-reasons-present.js";

/** The approval reasons an automatic approval names (DOMAIN 5.5); rules name them by code. */
export const approvalReasonRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Rules"];

  app.get(
    "/approval-reasons",
    {
      schema: {
        tags,
        summary: "List the approval reasons, in order",
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (req) => ({ approval_reasons: (await uc.listReasons(db, requireActor(req))).map(present) }),
  );
  app.post(
    "/approval-reasons",
    {
      schema: {
        tags,
        summary: "Add an approval reason at the end of the list",
        body: reasonBody,
        response: { 201: reasonSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(present(await uc.createReason(db, requireActor(req), req.body, clock.now()))),
  );
  app.put(
    "/approval-reasons/order",
    {
      schema: {
        tags,
        summary: "Put the approval reasons in a new order",
        body: orderBody,
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (req) => ({
      approval_reasons: (await uc.reorderReasons(db, requireActor(req), req.body.reason_ids, clock.now())).map(present),
    }),
  );
  app.get(
    "/approval-reasons/:id",
    {
      schema: {
        tags,
        summary: "Read an approval reason",
        params: idParam,
        response: { 200: reasonSchema, ...errorResponses },
      },
    },
    async (req) => present(await uc.loadReason(db, requireActor(req), req.params.id)),
  );
  app.patch(
    "/approval-reasons/:id",
    {
      schema: {
        tags,
        summary: "Change an approval reason (the code only while no rule names it)",
        params: idParam,
        body: reasonPatch,
        response: { 200: reasonSchema, ...errorResponses },
      },
    },
    async (req) => present(await uc.updateReason(db, requireActor(req), req.params.id, req.body, clock.now())),
  );
  app.delete(
    "/approval-reasons/:id",
    {
      schema: {
        tags,
        summary: "Delete an approval reason no rule names",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteReason(db, requireActor(req), req.params.id, clock.now());
      return reply.status(204).send(null);
    },
  );
};

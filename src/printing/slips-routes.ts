import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { queueSlips } from "./slips.js";
import { slipsAnswer, slipsBody } from "./slips-schemas.js";

export const slipRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  app.post(
    "/printouts/slips",
    {
      schema: {
        tags: ["Printing"],
        summary: "Print the pick slips of chosen requests: one print job each, into the printout queue",
        description:
          "The slips go through the outbox like every print job: the worker puts each in the printout queue of the " +
          "request's place (GET /printouts) and emails it to a print-by-email printer. All or nothing.",
        body: slipsBody,
        response: { 202: slipsAnswer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const queued = await queueSlips(db, requireActor(req), req.body.request_ids, clock.now());
      return reply.status(202).send({
        slips: queued.map((q) => ({ request_id: String(q.requestId), outbox_id: q.outboxId })),
      });
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses } from "../../server/schemas.js";
import { explainRequest } from "./explain-request.js";
import { patronIdOf } from "./patron.js";
import { presentService, requestOptions } from "./present.js";
import {
  explainQuery,
  explanationSchema,
  numericId,
  requestExplanationSchema,
  requestOptionsSchema,
} from "./schemas.js";
import { decideServices } from "./services-offered.js";

/** Services offered (DOMAIN 4) and explain (DOMAIN 10) under /api/v1. */

export const explainRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Rules"];

  app.get(
    "/explain",
    {
      schema: {
        tags,
        summary: "Why each service is or is not offered to a patron on a title (or one item)",
        description:
          "user_id is the patron's primary id (default: the caller); only fulfillment staff may ask about others.",
        querystring: explainQuery,
        response: {
          200: explanationSchema,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { patron, services } = await decideServices(
        db,
        actor,
        { userId: await patronIdOf(db, actor, req.query.user_id), mmsId: req.query.mms_id, itemId: req.query.item_id },
        clock.now(),
        { trace: true },
      );
      return { user_id: patron.primary_id, mms_id: String(req.query.mms_id), services: services.map(presentService) };
    },
  );

  app.get(
    "/bibs/:mms_id/request-options",
    {
      schema: {
        tags,
        summary: "The services offered to a patron on a title",
        params: z.object({ mms_id: numericId }),
        querystring: z.object({ user_id: z.string().optional() }),
        response: { 200: requestOptionsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const userId = await patronIdOf(db, actor, req.query.user_id);
      const { services } = await decideServices(db, actor, { userId, mmsId: req.params.mms_id }, clock.now());
      return requestOptions(services);
    },
  );

  app.get(
    "/requests/:id/explain",
    {
      schema: {
        tags,
        summary: "Why the request got its workflow: the rule, the facts and every rule tried",
        params: z.object({ id: numericId }),
        response: {
          200: requestExplanationSchema,
          ...errorResponses,
        },
      },
    },
    async (req) => explainRequest(db, requireActor(req), req.params.id),
  );
};

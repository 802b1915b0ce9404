import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { countQueuesAt } from "./read-requests.js";
import { queueCountsAnswer, queueCountsQuery } from "./schemas.js";

/** The staff work queues' counts; each queue's requests are GET /requests?queue=. */
export const queueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    "/requests/queues",
    {
      schema: {
        tags: ["Requests"],
        summary: "How many requests stand in each work queue, at a place or at all of yours, among those you may see",
        querystring: queueCountsQuery,
        response: { 200: queueCountsAnswer, ...errorResponses },
      },
    },
    async (req) => countQueuesAt(db, requireActor(req), req.query.place),
  );
};

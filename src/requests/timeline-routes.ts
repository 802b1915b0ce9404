import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { requestIdParam } from "./schemas.js";
import { getTimeline } from "./timeline.js";

/** The patron's view of a request's history (the staff's is /requests/{id}/history). */
export const timelineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/requests/:id/timeline",
    {
      schema: {
        tags: ["Requests"],
        summary: "The request's history as its patron sees it: each state it reached, when, and why it closed",
        description:
          "Oldest first. Only state changes; `reason` only for a cancellation or rejection. Never who did it, " +
          "staff notes or internal data (those are in /history, for staff).",
        params: requestIdParam,
        response: {
          200: z.object({
            events: z.array(z.object({ at: z.string(), state: z.string(), reason: z.string().nullable() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ events: await getTimeline(app.ctx.db, requireActor(req), req.params.id) }),
  );
};

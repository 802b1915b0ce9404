import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { checkReadiness } from "./check-readiness.js";
import { presentReadiness } from "./present.js";
import { readinessSchema } from "./schemas.js";

export const readinessRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/readiness",
    {
      schema: {
        tags: ["Setup"],
        summary: "Is the institution ready to take requests: the readiness checks (DOMAIN 10)",
        description:
          "Every check of the setup guide's steps, in order, each failing one naming what is wrong and where to fix it. " +
          "`ready` is true when no check fails. Open to every staff member.",
        response: { 200: readinessSchema, ...errorResponses },
      },
    },
    async (req) => presentReadiness(await checkReadiness(app.ctx, requireActor(req))),
  );
};

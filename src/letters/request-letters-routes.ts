import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import { requestLetters } from "./request-letters.js";
import { requestLetterSchema } from "./request-letters-schemas.js";

export const requestLetterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/requests/:id/letters",
    {
      schema: {
        tags: ["Requests"],
        summary: "The letters sent about a request, with their text (download links withheld)",
        description:
          "Oldest first; for whoever may see the request. A delivery letter's links are the patron's: " +
          "their tokens are never shown, so reading a letter can neither use up a view nor hand the file on.",
        params: idParam,
        response: { 200: z.object({ letters: z.array(requestLetterSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ letters: await requestLetters(app.ctx.db, requireActor(req), req.params.id) }),
  );
};

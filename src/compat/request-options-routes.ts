import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { almaErrorResponses } from "./errors.js";
import { requireActor } from "../server/auth-plugin.js";
import { patronIdOf } from "../rules/offers/patron.js";
import { requestOptions } from "../rules/offers/present.js";
import { requestOptionsSchema } from "../rules/offers/schemas.js";
import { decideServices } from "../rules/offers/services-offered.js";

/** GET /almaws/v1/bibs/{mms_id}/request-options: the reference platform's shape (request_option[].type.value). */
export const requestOptionsCompatRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  app.get(
    "/bibs/:mms_id/request-options",
    {
      schema: {
        tags: ["Compatibility (almaws)"],
        summary: "The request options (digitization services) offered to a user on a title",
        description:
          "Authenticate with `Authorization: apikey <key>` (or `Bearer <key>`) or the `apikey` query parameter, which only the /almaws routes accept.",
        params: z.object({ mms_id: z.coerce.number().int().positive() }),
        querystring: z.object({
          user_id: z.string().optional(),
          apikey: z.string().optional().describe("The API key, when not sent in the Authorization header"),
        }),
        response: { 200: requestOptionsSchema, ...almaErrorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const userId = await patronIdOf(db, actor, req.query.user_id);
      const { services } = await decideServices(db, actor, { userId, mmsId: req.params.mms_id }, clock.now());
      return requestOptions(services);
    },
  );
};

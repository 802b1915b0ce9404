import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { requestPatron } from "./request-patron.js";
import { requestIdParam } from "./schemas.js";

const patronSchema = z.object({
  primary_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  barcode: z.string().nullable().describe("the library card's barcode"),
  user_group: z.string().nullable(),
  user_group_name: z.string().nullable(),
  preferred_language: z.string().nullable(),
  status: z.enum(["ACTIVE", "INACTIVE"]),
});

/** The patron a request is for, for the staff's request page. */
export const requestPatronRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/requests/:id/patron",
    {
      schema: {
        tags: ["Requests"],
        summary: "The patron a request is for: name, ids, group, email (for whoever may see the request)",
        params: requestIdParam,
        response: { 200: patronSchema, ...errorResponses },
      },
    },
    async (req) => requestPatron(app.ctx.db, requireActor(req), req.params.id),
  );
};

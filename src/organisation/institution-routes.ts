import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import * as uc from "./institution.js";
import { institutionSchema, institutionChanges } from "./institution-schemas.js";
import { presentInstitution } from "./institution-present.js";

export const institutionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Organisation"];

  app.get(
    "/institution",
    {
      schema: {
        tags,
        summary: "Read the caller's institution",
        response: { 200: institutionSchema, ...errorResponses },
      },
    },
    async (req) => presentInstitution(await uc.loadInstitution(db, requireActor(req))),
  );

  app.patch(
    "/institution",
    {
      schema: {
        tags,
        summary: "Change the caller's institution",
        description:
          "Needs organisation.manage. The code cannot change: people sign in with it. time_zone is an IANA zone; default_language a 2 or 3 letter code.",
        body: institutionChanges,
        response: { 200: institutionSchema, ...errorResponses },
      },
    },
    async (req) => presentInstitution(await uc.updateInstitution(db, requireActor(req), req.body, clock.now())),
  );
};

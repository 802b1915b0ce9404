import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, nameField } from "../server/schemas.js";
import { languageField, timeZoneField } from "./fields.js";
import * as uc from "./institution.js";

const institutionSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  time_zone: z.string(),
  default_language: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
const institutionChanges = z
  .object({ name: nameField, time_zone: timeZoneField, default_language: languageField })
  .partial()
  .strict();

const presentInstitution = (i: z.infer<typeof institutionSchema>): z.infer<typeof institutionSchema> => ({
  id: i.id,
  code: i.code,
  name: i.name,
  time_zone: i.time_zone,
  default_language: i.default_language,
  created_at: i.created_at,
  updated_at: i.updated_at,
});

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

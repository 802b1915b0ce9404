import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { planSetup } from "./plan-setup.js";
import { planAnswerSchema, planBody } from "./plan-schemas.js";

export const setupPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  app.post(
    "/setup/plan",
    {
      schema: {
        tags: ["Setup"],
        summary: "Set up digitization from the planning questions (setup step 1)",
        description:
          "The setup guide's seven planning questions, answered: where the scanning is done, approval and copyright " +
          "clearance, which user groups may request and how many at once, which material types are not offered, " +
          "how files are delivered, and who does which part of the work. With `dry_run` the answer lists every change " +
          "and writes nothing; without it the changes are made in one transaction. Existing libraries, desks, " +
          "printers, user groups and grants named by code are kept. Needs the General System Administrator's " +
          "permissions (organisation, fulfillment, people, letters).",
        body: planBody,
        response: { 200: planAnswerSchema, ...errorResponses },
      },
    },
    async (req) => planSetup(db, requireActor(req), req.body, clock.now()),
  );
};

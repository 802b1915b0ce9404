import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { presentWorkspace } from "./present.js";
import { workspaceSchema } from "./schemas.js";
import { staffWorkspace } from "./workspace.js";

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    "/staff/workspace",
    {
      schema: {
        tags: ["Staff"],
        summary: "What may I do here: the caller's staff screens and the places they work at",
        response: { 200: workspaceSchema, ...errorResponses },
      },
    },
    async (req) => presentWorkspace(await staffWorkspace(db, requireActor(req))),
  );
};

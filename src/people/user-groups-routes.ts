import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./user-groups.js";
import { userGroupSchema, createBody, patchBody } from "./user-groups-schemas.js";
import { present } from "./user-groups-present.js";

export const userGroupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["People"];

  app.get(
    "/user-groups",
    {
      schema: {
        tags,
        summary: "List the institution's user groups with their patron limits",
        response: { 200: z.object({ user_groups: z.array(userGroupSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ user_groups: (await uc.listUserGroups(db, requireActor(req))).map(present) }),
  );

  app.post(
    "/user-groups",
    {
      schema: {
        tags,
        summary: "Create a user group",
        body: createBody,
        response: { 201: userGroupSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return reply.status(201).send(present(await uc.createUserGroup(db, actor, req.body, clock.now())));
    },
  );

  app.get(
    "/user-groups/:id",
    {
      schema: {
        tags,
        summary: "Read a user group",
        params: idParam,
        response: { 200: userGroupSchema, ...errorResponses },
      },
    },
    async (req) => present(await uc.readUserGroup(db, requireActor(req), req.params.id)),
  );

  app.patch(
    "/user-groups/:id",
    {
      schema: {
        tags,
        summary: "Change a user group or its patron limit (the limit alone: also Fulfillment Administrator)",
        params: idParam,
        body: patchBody,
        response: { 200: userGroupSchema, ...errorResponses },
      },
    },
    async (req) => present(await uc.updateUserGroup(db, requireActor(req), req.params.id, req.body, clock.now())),
  );

  app.delete(
    "/user-groups/:id",
    {
      schema: {
        tags,
        summary: "Delete a user group that has no users",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteUserGroup(db, requireActor(req), req.params.id, clock.now());
      return reply.status(204).send(null);
    },
  );
};

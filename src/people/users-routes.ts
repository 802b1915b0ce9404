import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./users.js";
import { userSchema, createBody, patchBody, listQuery } from "./users-schemas.js";
import { present } from "./users-present.js";

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["People"];

  app.get(
    "/users",
    {
      schema: {
        tags,
        summary: "Find users, by name order, one page at a time",
        querystring: listQuery,
        response: {
          200: z.object({ users: z.array(userSchema), next_cursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { users, nextCursor } = await uc.listUsers(db, requireActor(req), req.query);
      return { users: users.map(present), next_cursor: nextCursor };
    },
  );

  app.post(
    "/users",
    {
      schema: { tags, summary: "Create a user", body: createBody, response: { 201: userSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const user = await uc.createUser(db, requireActor(req), req.body, clock.now());
      return reply.status(201).send(present(user));
    },
  );

  app.get(
    "/users/me",
    { schema: { tags, summary: "The calling user's own record", response: { 200: userSchema, ...errorResponses } } },
    async (req) => present(await uc.readSelf(db, requireActor(req))),
  );

  app.get(
    "/users/:id",
    {
      schema: {
        tags,
        summary: "Read a user (yourself, or anyone with a role that reads users)",
        params: idParam,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (req) => present(await uc.readUser(db, requireActor(req), req.params.id)),
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags,
        summary: "Change a user",
        params: idParam,
        body: patchBody,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (req) => present(await uc.updateUser(db, requireActor(req), req.params.id, req.body, clock.now())),
  );

  app.delete(
    "/users/:id",
    {
      schema: {
        tags,
        summary: "Delete a user who has no requests (otherwise set them INACTIVE)",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteUser(db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

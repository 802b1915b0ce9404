import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { codeField, errorResponses, idParam } from "../server/schemas.js";
import type { UserRow } from "./users-repository.js";
import * as uc from "./users.js";

const userSchema = z.object({
  id: z.number(),
  primary_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  user_group: z.string().nullable().describe("the user group's code"),
  user_group_name: z.string().nullable(),
  preferred_language: z.string().nullable(),
  status: z.enum(["ACTIVE", "INACTIVE"]),
  expiry_date: z.string().nullable(),
  has_password: z.boolean().describe("whether the user can sign in with a password"),
  created_at: z.string(),
  updated_at: z.string(),
});

const fields = {
  primary_id: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .regex(/^\S+$/, "must not contain spaces"),
  first_name: z.string().trim().max(255, "must be at most 255 characters"),
  last_name: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
  email: z.email("must be a valid email address").max(254, "must be at most 254 characters").nullable(),
  user_group: codeField.nullable().describe("code of a user group of this institution"),
  preferred_language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as en or fr-CA")
    .nullable(),
  status: z.enum(["ACTIVE", "INACTIVE"]),
  expiry_date: z.iso.date("must be a date written YYYY-MM-DD").nullable(),
  password: z
    .string()
    .min(10, "must be at least 10 characters")
    .max(1024, "must be at most 1024 characters")
    .describe("write-only; never returned"),
};

const createBody = z
  .object({
    ...fields,
    first_name: fields.first_name.default(""),
    email: fields.email.optional(),
    user_group: fields.user_group.optional(),
    preferred_language: fields.preferred_language.optional(),
    status: fields.status.optional(),
    expiry_date: fields.expiry_date.optional(),
    password: fields.password.optional(),
  })
  .strict();
const patchBody = z
  .object({
    ...fields,
    password: fields.password
      .nullable()
      .describe(
        "write-only; null removes the password. Setting or removing it ends the user's sessions, except the caller's own session when changing their own password",
      ),
  })
  .partial()
  .strict();

const listQuery = z
  .object({
    q: z.string().trim().min(1).max(200).optional().describe("part of the primary id, name or email"),
    user_group: codeField.optional().describe("user group code"),
    cursor: z.string().max(1000).optional().describe("next_cursor of the previous page"),
    limit: z.coerce.number().int().min(1).max(uc.MAX_PAGE_SIZE).optional().describe("page size, 1-100; default 50"),
  })
  .strict();

const present = (u: UserRow) => ({
  id: u.id,
  primary_id: u.primary_id,
  first_name: u.first_name,
  last_name: u.last_name,
  email: u.email,
  user_group: u.user_group,
  user_group_name: u.user_group_name,
  preferred_language: u.preferred_language,
  status: u.status,
  expiry_date: u.expiry_date,
  has_password: Number(u.has_password) === 1,
  created_at: u.created_at,
  updated_at: u.updated_at,
});

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

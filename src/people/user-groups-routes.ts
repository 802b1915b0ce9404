import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { codeField, errorResponses, idParam, nameField } from "../server/schemas.js";
import { describeLimit } from "../rules/tables/patron-limits.js";
import * as uc from "./user-groups.js";

const limitField = z
  .number()
  .int("must be a whole number")
  .min(0, "must be 0 or more (0: the group cannot request digitization; null: no limit)")
  .nullable();

const userGroupSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  max_digitization_requests: z
    .number()
    .nullable()
    .describe("the limit that applies, from the patron limits table; null: no limit; 0: cannot request digitization"),
  limit_description: z.string(),
  limit_rule: z
    .object({ id: z.number(), name: z.string() })
    .nullable()
    .describe("the rule of /api/v1/rule-tables/patron_limits that decides the limit; null: the table's default"),
  shared: z.boolean().describe("a consortium group that every member institution holds a read-only copy of"),
  locked: z.boolean().describe("a copy of a consortium's shared group: read-only here"),
  consortium: z.string().nullable().describe("for a locked copy, the consortium that shares it"),
  created_at: z.string(),
  updated_at: z.string(),
});

const createBody = z
  .object({
    code: codeField,
    name: nameField,
    max_digitization_requests: limitField.optional(),
    shared: z.boolean().optional(),
  })
  .strict();
const patchBody = z
  .object({ code: codeField, name: nameField, max_digitization_requests: limitField, shared: z.boolean() })
  .partial()
  .strict();

const present = (g: uc.UserGroupView) => ({
  id: g.id,
  code: g.code,
  name: g.name,
  max_digitization_requests: g.max_digitization_requests,
  limit_description: describeLimit(g.max_digitization_requests),
  limit_rule: g.limit_rule,
  shared: g.shared === 1,
  locked: g.consortium_group_id !== null,
  consortium: g.consortium,
  created_at: g.created_at,
  updated_at: g.updated_at,
});

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

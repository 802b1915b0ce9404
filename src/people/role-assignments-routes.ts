import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize } from "../auth/policy.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import type { AssignmentRow } from "./role-assignments-repository.js";
import * as uc from "./role-assignments.js";
import { ROLE_CODES, ROLE_DEFINITIONS, roleDefinition, SCOPE_TYPES } from "./role-definitions.js";

const roleDefinitionSchema = z.object({
  role: z.enum(ROLE_CODES),
  label: z.string(),
  description: z.string(),
  scope_types: z.array(z.enum(SCOPE_TYPES)),
});

const assignmentSchema = z.object({
  id: z.number(),
  user_id: z.number(),
  role: z.enum(ROLE_CODES),
  role_label: z.string(),
  scope_type: z.enum(SCOPE_TYPES),
  scope_id: z.number().nullable(),
  scope_code: z.string().nullable(),
  scope_name: z.string().nullable(),
  created_at: z.string(),
});

const grantBody = z
  .object({
    role: z.enum(ROLE_CODES),
    scope_type: z.enum(SCOPE_TYPES),
    scope_id: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe("library, desk or department id; leave out for institution scope"),
  })
  .strict();

const assignmentParams = idParam.extend({ assignment_id: z.coerce.number().int().positive() });

const present = (a: AssignmentRow) => ({
  id: a.id,
  user_id: a.user_id,
  role: a.role,
  role_label: roleDefinition(a.role).label,
  scope_type: a.scope_type,
  scope_id: a.scope_id,
  scope_code: a.scope_code,
  scope_name: a.scope_name,
  created_at: a.created_at,
});

export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["People"];

  app.get(
    "/roles",
    {
      schema: {
        tags,
        summary: "The roles, what each allows, and the scopes each may be granted with",
        response: { 200: z.object({ roles: z.array(roleDefinitionSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      authorize(requireActor(req), "configuration.read");
      return {
        roles: ROLE_DEFINITIONS.map((d) => ({
          role: d.role,
          label: d.label,
          description: d.description,
          scope_types: [...d.scopeTypes],
        })),
      };
    },
  );

  app.get(
    "/users/:id/roles",
    {
      schema: {
        tags,
        summary: "A user's roles with their scopes",
        params: idParam,
        response: { 200: z.object({ roles: z.array(assignmentSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ roles: (await uc.listRoleAssignments(db, requireActor(req), req.params.id)).map(present) }),
  );

  app.post(
    "/users/:id/roles",
    {
      schema: {
        tags,
        summary: "Grant a role with a scope (General System Administrator only)",
        params: idParam,
        body: grantBody,
        response: { 201: assignmentSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const assignment = await uc.grantRole(db, requireActor(req), req.params.id, req.body, clock.now());
      return reply.status(201).send(present(assignment));
    },
  );

  app.delete(
    "/users/:id/roles/:assignment_id",
    {
      schema: {
        tags,
        summary: "Take a role away",
        params: assignmentParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.revokeRole(db, requireActor(req), req.params.id, req.params.assignment_id);
      return reply.status(204).send(null);
    },
  );
};

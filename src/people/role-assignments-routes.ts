import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize } from "../auth/policy.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./role-assignments.js";
import { ROLE_DEFINITIONS } from "./role-definitions.js";
import {
  roleDefinitionSchema,
  assignmentSchema,
  grantBody,
  assignmentParams,
  institutionAssignmentsQuery,
  institutionAssignmentSchema,
} from "./role-assignments-schemas.js";
import { present, presentWithHolder } from "./role-assignments-present.js";

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
    "/role-assignments",
    {
      schema: {
        tags,
        summary:
          "Who holds which role where: the institution's grants with their holders (General System Administrator)",
        description: "By holder's name, then role. `truncated` says more grants match than `limit`.",
        querystring: institutionAssignmentsQuery,
        response: {
          200: z.object({ assignments: z.array(institutionAssignmentSchema), truncated: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { rows, truncated } = await uc.listInstitutionRoleAssignments(db, requireActor(req), req.query);
      return { assignments: rows.map(presentWithHolder), truncated };
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

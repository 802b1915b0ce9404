import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as operators from "./department-operators.js";
import * as uc from "./departments.js";
import {
  operatorSchema,
  departmentSchema,
  departmentBody,
  departmentChanges,
  listQuery,
  operatorParams,
} from "./departments-schemas.js";

export const departmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Organisation"];

  app.get(
    "/departments",
    {
      schema: {
        tags,
        summary: "List digitization departments (staff)",
        querystring: listQuery,
        response: { 200: z.object({ departments: z.array(departmentSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ departments: await uc.listDepartments(db, requireActor(req), req.query.library_id) }),
  );

  app.post(
    "/departments",
    {
      schema: {
        tags,
        summary: "Create a digitization department",
        description: "Needs fulfillment.manage.",
        body: departmentBody,
        response: { 201: departmentSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await uc.createDepartment(db, requireActor(req), req.body, clock.now())),
  );

  app.get(
    "/departments/:id",
    {
      schema: {
        tags,
        summary: "Read a digitization department (staff)",
        params: idParam,
        response: { 200: departmentSchema, ...errorResponses },
      },
    },
    async (req) => uc.readDepartment(db, requireActor(req), req.params.id),
  );

  app.patch(
    "/departments/:id",
    {
      schema: {
        tags,
        summary: "Change a digitization department",
        description:
          "Needs fulfillment.manage. Fields not sent keep their value; contact_info is replaced as a whole. Changing owner_level needs the new level's owner_library_id or served_libraries.",
        params: idParam,
        body: departmentChanges,
        response: { 200: departmentSchema, ...errorResponses },
      },
    },
    async (req) => uc.updateDepartment(db, requireActor(req), req.params.id, req.body, clock.now()),
  );

  app.delete(
    "/departments/:id",
    {
      schema: {
        tags,
        summary: "Delete a digitization department that no request or rule references",
        description: "Needs fulfillment.manage. Its operators lose the Work Order Operator role scoped to it.",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteDepartment(db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/departments/:id/operators",
    {
      schema: {
        tags,
        summary: "List a department's operators (staff)",
        params: idParam,
        response: { 200: z.object({ operators: z.array(operatorSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ operators: await operators.listDepartmentOperators(db, requireActor(req), req.params.id) }),
  );

  app.post(
    "/departments/:id/operators",
    {
      schema: {
        tags,
        summary: "Make a user an operator of the department",
        description:
          "Needs fulfillment.manage. Grants the Work Order Operator role scoped to the department. Idempotent: 201 when the user became an operator, 200 when they already were one.",
        params: idParam,
        body: z.object({ user_id: z.number().int().positive() }).strict(),
        response: { 200: operatorSchema, 201: operatorSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { operator, created } = await operators.addDepartmentOperator(
        db,
        requireActor(req),
        req.params.id,
        req.body.user_id,
        clock.now(),
      );
      return reply.status(created ? 201 : 200).send(operator);
    },
  );

  app.delete(
    "/departments/:id/operators/:user_id",
    {
      schema: {
        tags,
        summary: "Remove an operator from the department",
        description: "Needs fulfillment.manage. Takes away the Work Order Operator role scoped to the department.",
        params: operatorParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await operators.removeDepartmentOperator(db, requireActor(req), req.params.id, req.params.user_id);
      return reply.status(204).send(null);
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { codeField, errorResponses, idParam, nameField, optionalText } from "../server/schemas.js";
import * as operators from "./department-operators.js";
import * as uc from "./departments.js";
import { emailField, workTimeDays } from "./fields.js";

const libraryRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
const operatorSchema = z.object({
  user_id: z.number(),
  primary_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
});
const addressSchema = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string().nullable(),
});
const contactInfoSchema = z.object({
  addresses: z.array(addressSchema),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
});
const departmentSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  work_time_days: z.number(),
  map_url: z.string().nullable(),
  default_printer: z.string().nullable().describe("code of the printer all of the department's printing goes to"),
  owner_level: z.enum(["institution", "library"]),
  owner_library_id: z.number().nullable(),
  served_libraries: z
    .object({ all: z.boolean(), libraries: z.array(libraryRef) })
    .describe("all: serves the whole institution; libraries: every library it serves"),
  contact_info: contactInfoSchema,
  operators: z.array(operatorSchema),
  created_at: z.string(),
  updated_at: z.string(),
});

const optionalLine = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullable().default(null);
const contactInfoBody = z
  .object({
    addresses: z
      .array(
        z
          .object({
            line1: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
            line2: optionalLine(200),
            city: optionalLine(100),
            postal_code: optionalLine(20),
            country: optionalLine(100),
          })
          .strict(),
      )
      .max(20, "at most 20 addresses")
      .default([]),
    phones: z
      .array(z.string().trim().min(1, "must not be empty").max(50, "must be at most 50 characters"))
      .max(20, "at most 20 phone numbers")
      .default([]),
    emails: z.array(emailField).max(20, "at most 20 email addresses").default([]),
  })
  .strict();
const servedLibrariesBody = z
  .union([z.object({ all: z.literal(true) }).strict(), z.array(z.number().int().positive()).min(1).max(1000)], {
    error: 'must be { "all": true } or a non-empty list of library ids',
  })
  .describe(
    'Institution-level departments: { "all": true } or a list of library ids. A library-level department serves its own library; omit it.',
  );
const departmentFields = {
  code: codeField,
  name: nameField,
  description: optionalText(),
  work_time_days: workTimeDays.describe("unfilled requests handled here expire after this many days"),
  map_url: z
    .url({ protocol: /^https?$/, error: "must be an http or https URL" })
    .max(2000, "must be at most 2000 characters")
    .nullable()
    .optional(),
  default_printer: codeField.nullable().optional().describe("a printer code of this institution, or null"),
  owner_level: z.enum(["institution", "library"]),
  owner_library_id: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe("required for a library-level department, not allowed for an institution-level one"),
  served_libraries: servedLibrariesBody.optional(),
  contact_info: contactInfoBody.optional(),
};
const departmentBody = z.object(departmentFields).strict();
const departmentChanges = z.object(departmentFields).partial().strict();
const listQuery = z.object({
  library_id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe("the library's list: its own departments and the institution-level ones serving it"),
});
const operatorParams = idParam.extend({ user_id: z.coerce.number().int().positive() });

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

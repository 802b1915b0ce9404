import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../server/auth-plugin.js";
import { codeField, errorResponses, idParam, nameField } from "../../server/schemas.js";
import * as repo from "./service-terms-repository.js";
import * as uc from "./service-terms.js";

/** Terms of use (DOMAIN 5.1) and fulfillment units (5.2); a unit's rules live under /rule-tables. */

const feeSchema = z
  .object({
    amount: z.string().regex(/^\d{1,7}(\.\d{1,2})?$/, "must be an amount such as 5 or 5.00"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
  })
  .strict();
// The reference platform's Request terms of use carry both: requestable (as a hold) and digitizable.
const requestableField = z
  .boolean()
  .describe("may an item be requested as a hold; display logic rules test it as hold_requestable");
const termsBody = z
  .object({
    code: codeField,
    name: nameField,
    is_digitizable: z.boolean(),
    is_requestable: requestableField.default(true),
    digitization_fee: feeSchema.nullable().default(null),
    max_pages_per_request: z.number().int().min(1, "must be at least 1").nullable().default(null),
  })
  .strict();
const termsPatch = z
  .object({
    code: codeField,
    name: nameField,
    is_digitizable: z.boolean(),
    is_requestable: requestableField,
    digitization_fee: feeSchema.nullable(),
    max_pages_per_request: z.number().int().min(1, "must be at least 1").nullable(),
  })
  .partial()
  .strict();
const termsSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  is_digitizable: z.boolean(),
  is_requestable: requestableField,
  digitization_fee: z.object({ amount: z.string(), currency: z.string() }).nullable(),
  max_pages_per_request: z.number().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
const presentTerms = (t: repo.TermsOfUseRow) => ({
  id: t.id,
  code: t.code,
  name: t.name,
  is_digitizable: t.is_digitizable === 1,
  is_requestable: t.is_requestable === 1,
  digitization_fee: t.fee_amount && t.fee_currency ? { amount: t.fee_amount, currency: t.fee_currency } : null,
  max_pages_per_request: t.max_pages_per_request,
  created_at: t.created_at,
  updated_at: t.updated_at,
});

const unitBody = z
  .object({
    code: codeField,
    name: nameField,
    location_ids: z.array(z.number().int().positive()).max(1000),
    default_terms_of_use: codeField,
  })
  .strict();
const unitSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  locations: z.array(z.object({ id: z.number(), code: z.string(), library_code: z.string() })),
  default_terms_of_use: z.string().nullable(),
  rule_table: z.string().describe("the name of this unit's Request rule table under /api/v1/rule-tables"),
  created_at: z.string(),
  updated_at: z.string(),
});

export const serviceTermsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Rules"];
  const presentUnit = async (u: repo.UnitRow) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    locations: await repo.unitLocations(db, u.id),
    default_terms_of_use: (await repo.unitTableDefault(db, u.institution_id, u.id))?.terms_of_use ?? null,
    rule_table: `fulfillment_unit.${u.code}`,
    created_at: u.created_at,
    updated_at: u.updated_at,
  });

  app.get(
    "/terms-of-use",
    {
      schema: {
        tags,
        summary: "List the terms of use (type Request)",
        response: { 200: z.object({ terms_of_use: z.array(termsSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      return { terms_of_use: (await uc.listTermsOfUse(db, requireActor(req))).map(presentTerms) };
    },
  );
  app.post(
    "/terms-of-use",
    {
      schema: {
        tags,
        summary: "Create a terms of use",
        body: termsBody,
        response: { 201: termsSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentTerms(await uc.createTermsOfUse(db, requireActor(req), req.body, clock.now()))),
  );
  app.get(
    "/terms-of-use/:id",
    {
      schema: {
        tags,
        summary: "Read a terms of use",
        params: idParam,
        response: { 200: termsSchema, ...errorResponses },
      },
    },
    async (req) => presentTerms(await uc.loadTermsOfUse(db, requireActor(req), req.params.id)),
  );
  app.patch(
    "/terms-of-use/:id",
    {
      schema: {
        tags,
        summary: "Change a terms of use",
        params: idParam,
        body: termsPatch,
        response: { 200: termsSchema, ...errorResponses },
      },
    },
    async (req) => presentTerms(await uc.updateTermsOfUse(db, requireActor(req), req.params.id, req.body, clock.now())),
  );
  app.delete(
    "/terms-of-use/:id",
    {
      schema: {
        tags,
        summary: "Delete a terms of use no rule uses",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteTermsOfUse(db, requireActor(req), req.params.id, clock.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/fulfillment-units",
    {
      schema: {
        tags,
        summary: "List the fulfillment units",
        response: { 200: z.object({ fulfillment_units: z.array(unitSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const units = [];
      for (const u of await uc.listUnits(db, requireActor(req))) units.push(await presentUnit(u));
      return { fulfillment_units: units };
    },
  );
  app.post(
    "/fulfillment-units",
    {
      schema: {
        tags,
        summary: "Create a fulfillment unit with its locations and its default terms of use",
        body: unitBody,
        response: { 201: unitSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await presentUnit(await uc.createUnit(db, requireActor(req), req.body, clock.now()))),
  );
  app.get(
    "/fulfillment-units/:id",
    {
      schema: {
        tags,
        summary: "Read a fulfillment unit",
        params: idParam,
        response: { 200: unitSchema, ...errorResponses },
      },
    },
    async (req) => presentUnit(await uc.loadUnit(db, requireActor(req), req.params.id)),
  );
  app.patch(
    "/fulfillment-units/:id",
    {
      schema: {
        tags,
        summary: "Change a fulfillment unit's code, name or locations",
        params: idParam,
        body: unitBody.omit({ default_terms_of_use: true }).partial().strict(),
        response: { 200: unitSchema, ...errorResponses },
      },
    },
    async (req) => presentUnit(await uc.updateUnit(db, requireActor(req), req.params.id, req.body, clock.now())),
  );
  app.delete(
    "/fulfillment-units/:id",
    {
      schema: {
        tags,
        summary: "Delete a fulfillment unit and its rules",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteUnit(db, requireActor(req), req.params.id, clock.now());
      return reply.status(204).send(null);
    },
  );
};

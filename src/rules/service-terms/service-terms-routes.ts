import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses, idParam } from "../../server/schemas.js";
import * as repo from "./service-terms-repository.js";
import * as uc from "./service-terms.js";
import { termsBody, termsPatch, termsSchema, unitBody, unitSchema } from "./service-terms-schemas.js";
import { presentTerms } from "./service-terms-present.js";

/** Terms of use (DOMAIN 5.1) and fulfillment units (5.2); a unit's rules live under /rule-tables. */
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

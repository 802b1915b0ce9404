import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./libraries.js";
import { listLibraries, listLocations } from "./libraries-repository.js";
import { librarySchema, locationSchema, libraryBody, locationBody } from "./libraries-schemas.js";
import { presentLibrary, presentLocation } from "./libraries-present.js";

export const libraryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Organisation"];

  app.get(
    "/libraries",
    {
      schema: {
        tags,
        summary: "List the institution's libraries",
        response: { 200: z.object({ libraries: z.array(librarySchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { libraries: (await listLibraries(db, actor.institutionId)).map(presentLibrary) };
    },
  );

  app.post(
    "/libraries",
    {
      schema: {
        tags,
        summary: "Create a library",
        body: libraryBody,
        response: { 201: librarySchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const lib = await uc.createLibrary(db, actor, req.body, clock.now());
      return reply.status(201).send(presentLibrary(lib));
    },
  );

  app.get(
    "/libraries/:id",
    {
      schema: { tags, summary: "Read a library", params: idParam, response: { 200: librarySchema, ...errorResponses } },
    },
    async (req) => presentLibrary(await uc.loadLibrary(db, requireActor(req), req.params.id)),
  );

  app.patch(
    "/libraries/:id",
    {
      schema: {
        tags,
        summary: "Change a library",
        params: idParam,
        body: libraryBody.partial().strict(),
        response: { 200: librarySchema, ...errorResponses },
      },
    },
    async (req) => presentLibrary(await uc.updateLibrary(db, requireActor(req), req.params.id, req.body, clock.now())),
  );

  app.delete(
    "/libraries/:id",
    {
      schema: {
        tags,
        summary: "Delete an unused library",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteLibrary(db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/libraries/:id/locations",
    {
      schema: {
        tags,
        summary: "List a library's locations",
        params: idParam,
        response: { 200: z.object({ locations: z.array(locationSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await uc.loadLibrary(db, actor, req.params.id);
      return { locations: (await listLocations(db, actor.institutionId, req.params.id)).map(presentLocation) };
    },
  );

  app.post(
    "/libraries/:id/locations",
    {
      schema: {
        tags,
        summary: "Create a location in a library",
        params: idParam,
        body: locationBody,
        response: { 201: locationSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const loc = await uc.createLocation(db, requireActor(req), req.params.id, req.body, clock.now());
      return reply.status(201).send(presentLocation(loc));
    },
  );

  app.get(
    "/locations/:id",
    {
      schema: {
        tags,
        summary: "Read a location",
        params: idParam,
        response: { 200: locationSchema, ...errorResponses },
      },
    },
    async (req) => presentLocation(await uc.loadLocation(db, requireActor(req), req.params.id)),
  );

  app.patch(
    "/locations/:id",
    {
      schema: {
        tags,
        summary: "Change a location",
        params: idParam,
        body: locationBody.partial().strict(),
        response: { 200: locationSchema, ...errorResponses },
      },
    },
    async (req) =>
      presentLocation(await uc.updateLocation(db, requireActor(req), req.params.id, req.body, clock.now())),
  );

  app.delete(
    "/locations/:id",
    {
      schema: {
        tags,
        summary: "Delete an unused location",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteLocation(db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

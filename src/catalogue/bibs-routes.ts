import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import * as bibs from "./bibs.js";
import * as holdings from "./holdings.js";
import * as items from "./items.js";
import { presentBib, presentBibWithInventory, presentHolding, presentItem } from "./present.js";
import {
  bibCreateBody,
  bibListQuery,
  bibPatchBody,
  bibSchema,
  bibWithInventorySchema,
  holdingBody,
  holdingParams,
  holdingSchema,
  itemCreateBody,
  itemSchema,
  mmsIdParam,
} from "./schemas.js";

export const bibRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Catalogue"];

  app.get(
    "/bibs",
    {
      schema: {
        tags,
        summary: "List or search bibliographic records, a page at a time",
        description:
          "Without `q`, records come in id order. With `q`, they are searched and ranked by relevance: " +
          'words and "quoted phrases" must all be found, ignoring case and accents ("experiences" finds ' +
          '"expériences"). Field prefixes apply up to the next prefix: `title:`, `author:`, `subject:`, ' +
          "`isbn:` and `issn:` (with or without hyphens; an ISBN-10 also finds its ISBN-13), `id:` (the " +
          "record number, OCLC number, LCCN or a 035 system number), `any:` back to every field. " +
          'Example: `author:kuhn title:"scientific revolutions"`. `library` and `material_type` filter ' +
          "either way; `next_cursor` continues the same listing or search. A search with words ranks at most " +
          "500 records: when more match, the pages end there, and more words, a field or a filter reach the others.",
        querystring: bibListQuery,
        response: {
          200: z.object({ bibs: z.array(bibSchema), next_cursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const page = await bibs.listBibs(db, requireActor(req), req.query);
      return { bibs: page.bibs.map(presentBib), next_cursor: page.nextCursor };
    },
  );

  app.post(
    "/bibs",
    {
      schema: {
        tags,
        summary: "Create a bibliographic record",
        body: bibCreateBody,
        response: { 201: bibSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const bib = await bibs.createBib(db, requireActor(req), req.body, clock.now());
      return reply.status(201).send(presentBib(bib));
    },
  );

  app.get(
    "/bibs/:mms_id",
    {
      schema: {
        tags,
        summary: "Read a bibliographic record with its holdings and items",
        params: mmsIdParam,
        response: { 200: bibWithInventorySchema, ...errorResponses },
      },
    },
    async (req) =>
      presentBibWithInventory(await bibs.loadBibWithInventory(db, requireActor(req), Number(req.params.mms_id))),
  );

  app.patch(
    "/bibs/:mms_id",
    {
      schema: {
        tags,
        summary: "Change a bibliographic record",
        params: mmsIdParam,
        body: bibPatchBody,
        response: { 200: bibSchema, ...errorResponses },
      },
    },
    async (req) =>
      presentBib(await bibs.updateBib(db, requireActor(req), Number(req.params.mms_id), req.body, clock.now())),
  );

  app.get(
    "/bibs/:mms_id/holdings",
    {
      schema: {
        tags,
        summary: "List a record's holdings",
        params: mmsIdParam,
        response: { 200: z.object({ holdings: z.array(holdingSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const rows = await holdings.listHoldings(db, requireActor(req), Number(req.params.mms_id));
      return { holdings: rows.map(presentHolding) };
    },
  );

  app.post(
    "/bibs/:mms_id/holdings",
    {
      schema: {
        tags,
        summary: "Add a holding (library, location, call number) to a record",
        params: mmsIdParam,
        body: holdingBody,
        response: { 201: holdingSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const h = await holdings.createHolding(db, requireActor(req), Number(req.params.mms_id), req.body, clock.now());
      return reply.status(201).send(presentHolding(h));
    },
  );

  app.post(
    "/bibs/:mms_id/holdings/:holding_id/items",
    {
      schema: {
        tags,
        summary: "Add an item (a barcoded volume or issue) to a holding",
        params: holdingParams,
        body: itemCreateBody,
        response: { 201: itemSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { mms_id, holding_id } = req.params;
      const item = await items.createItem(db, requireActor(req), Number(mms_id), holding_id, req.body, clock.now());
      return reply.status(201).send(presentItem(item));
    },
  );
};

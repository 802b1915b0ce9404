import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponses, idParam } from "../server/schemas.js";
import { requireActor } from "../server/auth-plugin.js";
import * as items from "./items.js";
import { presentItem } from "./present.js";
import { barcodeQuery, itemPatchBody, itemSchema } from "./schemas.js";

export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Catalogue"];

  app.get(
    "/items",
    {
      schema: {
        tags,
        summary: "Find the item with a barcode",
        querystring: barcodeQuery,
        response: { 200: itemSchema, ...errorResponses },
      },
    },
    async (req) => presentItem(await items.loadItemByBarcode(db, requireActor(req), req.query.barcode)),
  );

  app.get(
    "/items/:id",
    {
      schema: { tags, summary: "Read an item", params: idParam, response: { 200: itemSchema, ...errorResponses } },
    },
    async (req) => presentItem(await items.loadItem(db, requireActor(req), req.params.id)),
  );

  app.patch(
    "/items/:id",
    {
      schema: {
        tags,
        summary: "Change an item's barcode, description, policy, page count or process status",
        params: idParam,
        body: itemPatchBody,
        response: { 200: itemSchema, ...errorResponses },
      },
    },
    async (req) => presentItem(await items.updateItem(db, requireActor(req), req.params.id, req.body, clock.now())),
  );
};

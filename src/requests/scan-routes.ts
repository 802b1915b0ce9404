import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { scanItem } from "./scan.js";
import { scanBody, scanResultSchema } from "./scan-schemas.js";

export const scanRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  app.post(
    "/scan",
    {
      schema: {
        tags: ["Requests"],
        summary: "Scan station: find the open request of the item with this barcode at this place and do its next step",
        description:
          "On the shelf list (PICK_FROM_SHELF) the item is picked (picked where it is digitized, it is scanned in at once); " +
          "in transit (IN_TRANSIT) it has arrived and is scanned in. Refusals: 404 UNKNOWN_BARCODE, 409 NO_OPEN_REQUEST, " +
          "409 REQUEST_AT_OTHER_PLACE (naming the place to those who may see the request), 409 NOTHING_TO_SCAN (the request " +
          "waits for no scan), 403 FORBIDDEN (the caller's roles do not do this step at this place). A refused scan changes nothing.",
        body: scanBody,
        response: { 200: scanResultSchema, ...errorResponses },
      },
    },
    async (req) => scanItem(db, requireActor(req), req.body, clock.now()),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../errors.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { checkDuplicates, DUPLICATE_WINDOW_DAYS } from "./duplicates.js";
import { findUserIdByPrimaryId } from "../people/users-repository.js";
import { duplicateCheckAnswer, placeRequestBody } from "./schemas.js";

/** The duplicate warning before placing (issue 11): the caller's earlier requests that overlap. */
export const duplicateCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  app.post(
    "/requests/duplicate-check",
    {
      schema: {
        tags: ["Requests"],
        summary: `Before placing: the patron's open requests, or those of the last ${DUPLICATE_WINDOW_DAYS} days, for the same item or title whose pages overlap`,
        description:
          "Send the body you would POST to /requests. Nothing is placed. A request without page ranges (whole item, chapter) overlaps any pages. Place anyway with duplicate_acknowledged: true; the history records the warning.",
        body: placeRequestBody,
        response: { 200: duplicateCheckAnswer, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { user_id, mms_id, item_id, ...form } = req.body;
      let userId = actor.userId;
      if (user_id) {
        const id = await findUserIdByPrimaryId(db, actor.institutionId, user_id);
        if (id === null) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
        userId = id;
      }
      const found = await checkDuplicates(
        db,
        actor,
        { userId, mmsId: mms_id, itemId: item_id ?? null, form },
        clock.now(),
      );
      return {
        window_days: DUPLICATE_WINDOW_DAYS,
        duplicates: found.map((d) => ({
          request_id: String(d.id),
          request_status: d.state,
          request_date: d.requestDate,
          item_description: d.itemDescription,
          required_pages_range: d.ranges,
        })),
      };
    },
  );
};

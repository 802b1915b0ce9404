import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Actor } from "../../auth/actor.js";
import type { Executor } from "../../db/database.js";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses, idParam } from "../../server/schemas.js";
import { loadReason } from "./approval-reasons.js";
import { loadTermsOfUse, loadUnit } from "./service-terms.js";
import * as uc from "./versions.js";
import type { VersionedEntity } from "./versions-repository.js";
import { versionsSchema } from "./versions-schemas.js";
import { present } from "./versions-present.js";

/** The change history of terms of use, fulfillment units and approval reasons: one record's, or all of a kind. */
export const serviceTermsVersionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ["Rules"];
  type Load = (db: Executor, actor: Actor, id: number) => Promise<unknown>;
  const kinds: [string, VersionedEntity, string, Load][] = [
    ["/terms-of-use", "terms_of_use", "terms of use", loadTermsOfUse],
    ["/fulfillment-units", "fulfillment_unit", "fulfillment units", loadUnit],
    ["/approval-reasons", "approval_reason", "approval reasons", loadReason],
  ];
  for (const [path, entity, label, load] of kinds) {
    app.get(
      `${path}/versions`,
      {
        schema: {
          tags,
          summary: `The change history of all ${label}, deleted ones included: who, when, before, after`,
          response: { 200: versionsSchema, ...errorResponses },
        },
      },
      async (req) => ({ versions: (await uc.listVersions(db, requireActor(req), entity)).map(present) }),
    );
    app.get(
      `${path}/:id/versions`,
      {
        schema: {
          tags,
          summary: `The change history of one of the ${label}`,
          params: idParam,
          response: { 200: versionsSchema, ...errorResponses },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await load(db, actor, req.params.id);
        return { versions: (await uc.listVersions(db, actor, entity, req.params.id)).map(present) };
      },
    );
  }
};

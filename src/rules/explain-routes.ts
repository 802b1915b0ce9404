import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import { findUserIdByPrimaryId } from "../requests/repository.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { workflowOutputSchema } from "./workflow.js";
import { explainRequest } from "./explain-request.js";
import { decideServices, type ServiceAnswer } from "./services-offered.js";

/** Services offered (DOMAIN 4) and explain (DOMAIN 10) under /api/v1. */

const numericId = z.coerce.number().int().positive();
const conditionOut = z.object({ parameter: z.string(), operator: z.string(), value: z.unknown().optional() });
const traceStepSchema = z.object({
  rule_id: z.number(),
  rule_name: z.string(),
  result: z.enum(["disabled", "failed", "matched"]),
  failed_condition: z.object({ index: z.number(), condition: conditionOut, actual: z.unknown() }).optional(),
  sentence: z.string(),
});
const stepSchema = z.object({
  check: z.string(),
  passed: z.boolean(),
  sentence: z.string().describe("the decision in words"),
  table: z.string().nullable().describe("the rule table that decided, if any"),
  rule_id: z.number().nullable().describe("the rule that decided; null when the table's default applied"),
  rule_name: z.string().nullable(),
  trace: z.array(traceStepSchema).nullable().describe("every rule tried"),
});
const serviceSchema = z.object({
  type: z.enum(["DIGITIZATION", "GENERAL_DIGITIZATION"]),
  offered: z.boolean(),
  reason: z.string(),
  item_id: z.string().nullable(),
  steps: z.array(stepSchema),
});
export const requestOptionsSchema = z.object({
  request_option: z.array(z.object({ type: z.object({ value: z.string(), desc: z.string() }), reason: z.string() })),
});

const presentService = (s: ServiceAnswer) => ({ ...s, item_id: s.item_id === null ? null : String(s.item_id) });

/** The patron asked about: a primary id, or the caller. */
export async function patronIdOf(db: Executor, actor: Actor, primaryId: string | undefined): Promise<number | null> {
  if (!primaryId) return null;
  const id = await findUserIdByPrimaryId(db, actor.institutionId, primaryId);
  if (id === null) throw new AppError("NOT_FOUND", { message: "No such user." });
  return id;
}

const desc = { DIGITIZATION: "Digitization", GENERAL_DIGITIZATION: "General digitization" } as const;
export const requestOptions = (services: ServiceAnswer[]) => ({
  request_option: services
    .filter((s) => s.offered)
    .map((s) => ({ type: { value: s.type, desc: desc[s.type] }, reason: s.reason })),
});

export const explainRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Rules"];

  app.get(
    "/explain",
    {
      schema: {
        tags,
        summary: "Why each service is or is not offered to a patron on a title (or one item)",
        description:
          "user_id is the patron's primary id (default: the caller); only fulfillment staff may ask about others.",
        querystring: z.object({ user_id: z.string().optional(), mms_id: numericId, item_id: numericId.optional() }),
        response: {
          200: z.object({ user_id: z.string(), mms_id: z.string(), services: z.array(serviceSchema) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { patron, services } = await decideServices(
        db,
        actor,
        { userId: await patronIdOf(db, actor, req.query.user_id), mmsId: req.query.mms_id, itemId: req.query.item_id },
        clock.now(),
        { trace: true },
      );
      return { user_id: patron.primary_id, mms_id: String(req.query.mms_id), services: services.map(presentService) };
    },
  );

  app.get(
    "/bibs/:mms_id/request-options",
    {
      schema: {
        tags,
        summary: "The services offered to a patron on a title",
        params: z.object({ mms_id: numericId }),
        querystring: z.object({ user_id: z.string().optional() }),
        response: { 200: requestOptionsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const userId = await patronIdOf(db, actor, req.query.user_id);
      const { services } = await decideServices(db, actor, { userId, mmsId: req.params.mms_id }, clock.now());
      return requestOptions(services);
    },
  );

  app.get(
    "/requests/:id/explain",
    {
      schema: {
        tags,
        summary: "Why the request got its workflow: the rule, the facts and every rule tried",
        params: z.object({ id: numericId }),
        response: {
          200: z.object({
            request_id: z.string(),
            rule_id: z.string().nullable(),
            rule_name: z.string(),
            sentence: z.string(),
            place: z.string().nullable(),
            facts: z.record(z.string(), z.unknown()),
            trace: z.array(traceStepSchema),
            workflow: workflowOutputSchema.omit({ rule_id: true }),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => explainRequest(db, requireActor(req), req.params.id),
  );
};

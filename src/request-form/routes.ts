import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { authorize } from "../auth/policy.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { presentConfig, presentPublicForm, presentVersion } from "./present.js";
import { effectiveForm, formVersions, readFormConfig, updateFormConfig } from "./request-form.js";
import { configAnswerSchema, configBody, formQuery, formVersionsSchema, publicFormSchema } from "./schemas.js";

/** The request form (DOMAIN 5.6): the form as patrons see it, its configuration and history. */
export const requestFormRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Request form"];

  app.get(
    "/request-form",
    {
      schema: {
        tags,
        summary: "The request form of your institution, in one language: fields in order, checkboxes, copyright notice",
        querystring: formQuery,
        response: { 200: publicFormSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return presentPublicForm(await effectiveForm(db, actor.institutionId), req.query.lang);
    },
  );

  app.get(
    "/request-form/config",
    {
      schema: {
        tags,
        summary: "The request form's configuration (Fulfillment Administrator)",
        response: { 200: configAnswerSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, "fulfillment.manage");
      return presentConfig(await readFormConfig(db, actor));
    },
  );

  app.put(
    "/request-form/config",
    {
      schema: {
        tags,
        summary: "Replace the request form's configuration (Fulfillment Administrator); versioned",
        body: configBody,
        response: { 200: configAnswerSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { config, applies_to_members } = req.body;
      return presentConfig(
        await updateFormConfig(db, actor, { config, appliesToMembers: applies_to_members }, clock.now()),
      );
    },
  );

  app.get(
    "/request-form/versions",
    {
      schema: {
        tags,
        summary: "The request form configuration's history: who, when, before, after",
        response: { 200: formVersionsSchema, ...errorResponses },
      },
    },
    async (req) => ({ versions: (await formVersions(db, requireActor(req))).map(presentVersion) }),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize } from "../auth/policy.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, errorSchema, idParam } from "../server/schemas.js";
import * as uc from "./letters.js";
import { listSentMail, readSentMail } from "./staff-mail.js";
import {
  letterSchema,
  templateBody,
  languageField,
  codeParams,
  templateParams,
  rendered,
  emlSchema,
} from "./letters-schemas.js";

export const letterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;
  const tags = ["Letters"];

  app.get(
    "/letters",
    {
      schema: {
        tags,
        summary: "List the letters with their switches and templates (Letter Administrator)",
        description:
          "Each letter lists Recto's built-in texts in en, fr, de and es (customized: false), each replaced by " +
          "the institution's own text in that language when it wrote one, then the institution's texts in other " +
          "languages.",
        response: { 200: z.object({ letters: z.array(letterSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ letters: await uc.listLetters(db, requireActor(req)) }),
  );

  app.get(
    "/letters/:code",
    {
      schema: {
        tags,
        summary: "Read a letter",
        params: codeParams,
        response: { 200: letterSchema, ...errorResponses },
      },
    },
    async (req) => uc.getLetter(db, requireActor(req), req.params.code),
  );

  app.patch(
    "/letters/:code",
    {
      schema: {
        tags,
        summary: "Enable or disable a letter",
        description: "A disabled letter is not sent; the request history records that it was suppressed.",
        params: codeParams,
        body: z.object({ enabled: z.boolean() }).strict(),
        response: { 200: letterSchema, ...errorResponses },
      },
    },
    async (req) => uc.setLetterEnabled(db, requireActor(req), req.params.code, req.body.enabled, clock.now()),
  );

  app.put(
    "/letters/:code/templates/:language",
    {
      schema: {
        tags,
        summary: "Write a letter's text in one language (LiquidJS; no code runs in a template)",
        description:
          "The template is rendered with sample data before it is saved; one that does not render is refused " +
          "with the failing part in `fields`. include/render/layout are not available.",
        params: templateParams,
        body: templateBody,
        response: { 200: letterSchema, ...errorResponses },
      },
    },
    async (req) =>
      uc.saveTemplate(db, requireActor(req), config, req.params.code, req.params.language, req.body, clock.now()),
  );

  app.delete(
    "/letters/:code/templates/:language",
    {
      schema: {
        tags,
        summary: "Remove the institution's text in one language",
        description:
          "A language Recto ships (en, fr, de, es) falls back to its built-in text; another language is no longer " +
          "sent, and its patrons get the next language in the order described at preview.",
        params: templateParams,
        response: { 200: letterSchema, ...errorResponses },
      },
    },
    async (req) => uc.resetTemplate(db, requireActor(req), req.params.code, req.params.language),
  );

  app.post(
    "/letters/:code/preview",
    {
      schema: {
        tags,
        summary: "Render a letter with sample data (the saved text, or a draft sent in the body)",
        description:
          "Without a draft, the text is chosen as for a patron whose preferred language is `language`: the " +
          "institution's text in that language (or in its primary language, `fr` for `fr-CA`), else Recto's " +
          "built-in text in it (en, fr, de, es), else the same for the institution's default language, else English. " +
          "`language` in the answer is the language of the text used.",
        params: codeParams,
        body: z.object({ language: languageField.optional(), template: templateBody.optional() }).strict(),
        response: { 200: rendered, ...errorResponses },
      },
    },
    async (req) => uc.previewLetter(db, requireActor(req), config, req.params.code, req.body),
  );

  app.post(
    "/letters/:code/test",
    {
      schema: {
        tags,
        summary: "Send the letter with sample data to an address now",
        description: "The text is chosen as for preview; the subject starts with [TEST].",
        params: codeParams,
        body: z.object({ to: z.email("must be an email address"), language: languageField.optional() }).strict(),
        response: {
          200: z.object({
            to: z.string(),
            language: z.string(),
            transport: z.enum(["smtp", "eml"]),
            eml_name: z.string().nullable(),
          }),
          ...errorResponses,
          502: errorSchema,
        },
      },
    },
    async (req) => uc.sendTestLetter(db, requireActor(req), config, req.params.code, req.body),
  );

  // Letters written as .eml files (no SMTP configured): listed and readable by staff.
  const authorizeMail = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    authorize(actor, "mail.read");
    return actor;
  };

  app.get(
    "/mail/eml",
    {
      schema: {
        tags,
        summary: "List letters written as .eml files (when no SMTP server is configured)",
        description: "Each letter lists the download links it carried (file, views, expiry), never their tokens.",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ messages: z.array(emlSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = authorizeMail(req);
      return { messages: await listSentMail(db, actor.institutionId, req.query.limit) };
    },
  );

  app.get(
    "/mail/eml/:id",
    {
      schema: {
        tags,
        summary: "Read one letter as an .eml file (message/rfc822)",
        description:
          "Download links are withheld: each token is replaced by a marker such as " +
          "`…/downloads/[download link sent: 3 views, expires 2026-03-09]`, so reading a letter uses up none of the " +
          "patron's views. The patron's own letter keeps its links.",
        params: idParam,
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = authorizeMail(req);
      const letter = await readSentMail(db, config, actor.institutionId, req.params.id);
      return reply
        .type("message/rfc822")
        .header("content-disposition", `attachment; filename="${letter.name}"`)
        .header("cache-control", "no-store")
        .send(letter.content.toString("utf8"));
    },
  );
};

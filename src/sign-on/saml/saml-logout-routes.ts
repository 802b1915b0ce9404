import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../server/schemas.js";
import { fromAcceptLanguage, messagesIn } from "../../shared/messages/index.js";
import { answerPage, messagePage } from "../sign-on-error-page.js";
import type { LogoutMessage } from "./check-logout-request.js";
import { SamlRefusal } from "./check-saml-response.js";
import { decodeRelayState } from "./relay-state.js";
import { logOutFromProvider } from "./saml-logout.js";
import { secretBox } from "../../secrets/secrets-key.js";
import { samlProviderAt } from "./saml-provider-at.js";

const params = z.object({ institution: z.string().min(1).max(50), provider: z.string().min(1).max(100) }).strict();
const message = z.object({
  SAMLRequest: z.string().min(1).max(100_000).optional(),
  SAMLResponse: z.string().min(1).max(100_000).optional(),
  RelayState: z.string().max(1000).optional(),
});
const redirectQuery = message.extend({
  SigAlg: z.string().max(200).optional(),
  Signature: z.string().max(2000).optional(),
});

/** The page a person reaches when Recto answers the provider itself: signed out, or nothing changed. */
function answerSignOut(req: FastifyRequest, reply: FastifyReply, institutionCode: string, refused: boolean) {
  const language = fromAcceptLanguage(req.headers["accept-language"]) ?? "en";
  const t = messagesIn(language).signOut;
  const html = messagePage(language, {
    title: t.title,
    paragraphs: [refused ? t.refused : t.done],
    link: { href: decodeRelayState(undefined, institutionCode).returnPath, text: t.back },
  });
  return answerPage(reply, refused ? 400 : 200, language, html);
}

/**
 * SAML single logout at `/auth/saml/{institution}/{provider}/slo`, by HTTP-Redirect (GET) and
 * HTTP-POST: a LogoutRequest from the provider ends the person's Recto sessions of that provider
 * and is answered with a signed LogoutResponse; a LogoutResponse (the provider's answer to Recto's
 * own LogoutRequest, the session already ended) leads to the library's start page.
 */
export const samlLogoutRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;
  const tags = ["Sign-on"];

  async function handle(
    req: FastifyRequest,
    reply: FastifyReply,
    at: z.infer<typeof params>,
    input: z.infer<typeof message>,
    logoutMessage: LogoutMessage | undefined,
  ) {
    const provider = await samlProviderAt(db, at.institution, at.provider);
    if (!logoutMessage) return reply.redirect(decodeRelayState(input.RelayState, at.institution).returnPath, 303);
    try {
      const outcome = await logOutFromProvider(db, {
        provider,
        institutionCode: at.institution,
        publicUrl: config.publicUrl,
        message: logoutMessage,
        relayState: input.RelayState,
        now: clock.now(),
        log: req.log,
        secrets: secretBox(config),
      });
      if (outcome.responseUrl) return reply.redirect(outcome.responseUrl, 303);
      return answerSignOut(req, reply, at.institution, false);
    } catch (err) {
      if (!(err instanceof SamlRefusal)) throw err;
      req.log.warn(
        { signOn: { institution: at.institution, provider: at.provider, reason: err.reason, detail: err.message } },
        "a LogoutRequest from an identity provider was refused",
      );
      return answerSignOut(req, reply, at.institution, true);
    }
  }

  const description =
    "A `SAMLRequest` (LogoutRequest, signed by the provider) ends the person's sessions begun " +
    "through this provider and redirects (303) to the provider with a signed LogoutResponse; one " +
    "that cannot be checked answers 400 and changes nothing. A `SAMLResponse` (the provider's " +
    "answer to Recto's LogoutRequest) redirects to the library. See docs/sign-on.md.";

  app.get(
    "/auth/saml/:institution/:provider/slo",
    {
      config: { public: true, signOn: true },
      schema: {
        tags,
        summary: "SAML single logout, HTTP-Redirect binding",
        description,
        security: [],
        params,
        querystring: redirectQuery,
        response: { 200: z.string(), 303: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { SAMLRequest } = req.query;
      const rawQuery = req.raw.url?.split("?")[1] ?? "";
      const query = Object.fromEntries(
        Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === "string"),
      );
      return handle(
        req,
        reply,
        req.params,
        req.query,
        SAMLRequest ? { binding: "redirect", query, rawQuery } : undefined,
      );
    },
  );

  app.post(
    "/auth/saml/:institution/:provider/slo",
    {
      config: { public: true, signOn: true },
      schema: {
        tags,
        summary: "SAML single logout, HTTP-POST binding",
        description,
        security: [],
        params,
        body: message,
        response: { 200: z.string(), 303: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { SAMLRequest } = req.body;
      return handle(
        req,
        reply,
        req.params,
        req.body,
        SAMLRequest ? { binding: "post", samlRequest: SAMLRequest } : undefined,
      );
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../server/schemas.js";
import { samlEndpoints } from "./saml-client.js";
import { samlLogoutRoutes } from "./saml-logout-routes.js";
import { samlProviderAt } from "./saml-provider-at.js";
import { spKeyRingOf } from "./sp-key.js";
import { secretBox } from "../../secrets/secrets-key.js";
import { spMetadata } from "./sp-metadata.js";
import { signInWithSamlResponse } from "./saml-sign-in.js";
import type { ProtocolHandler } from "../protocol-routes.js";
import { samlSignOutUrl } from "./saml-sign-out.js";
import { startSamlSignIn } from "./start-saml-sign-in.js";
import { decodeRelayState } from "./relay-state.js";
import { setSessionCookie } from "../../server/session-cookie.js";
import { refuseSignOn } from "../refusal.js";
import { answerSignOnFailure } from "../sign-on-error-page.js";

const params = z.object({ institution: z.string().min(1).max(50), provider: z.string().min(1).max(100) }).strict();

/** A SAML Response is a few kilobytes, a large one with many attributes some hundreds. */
const FORM_LIMIT = 1024 * 1024;

const samlRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;
  const tags = ["Sign-on"];

  // The provider posts the answer as an HTML form (HTTP-POST binding); only these routes read forms.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_LIMIT },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.get(
    "/auth/saml/:institution/:provider/metadata",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Recto's SAML 2.0 service provider metadata for one identity provider (give it to the federation)",
        description:
          "The entity id (sp_entity_id, else this address), Recto's certificate for signing and " +
          "encryption (both keys' during a key rollover), single logout (`/auth/saml/{institution}/{provider}/slo`, HTTP-Redirect and " +
          "HTTP-POST) and the assertion consumer service (`/auth/saml/{institution}/{provider}/acs`, " +
          "HTTP-POST). See docs/sign-on.md.",
        security: [],
        params,
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const provider = await samlProviderAt(db, req.params.institution, req.params.provider);
      const endpoints = samlEndpoints(config.publicUrl, req.params.institution, provider.code, provider.settings);
      const keys = await spKeyRingOf(db, secretBox(config), provider, clock.now());
      const xml = spMetadata(
        endpoints,
        provider.settings,
        keys.map((k) => k.certificate),
      );
      return reply.type("application/samlmetadata+xml; charset=utf-8").send(xml);
    },
  );

  await app.register(samlLogoutRoutes);

  app.post(
    "/auth/saml/:institution/:provider/acs",
    {
      config: { public: true, signOn: true },
      bodyLimit: FORM_LIMIT,
      schema: {
        tags,
        summary: "The assertion consumer service: the identity provider posts its SAML Response here",
        description:
          "Form-encoded `SAMLResponse` (and `RelayState`). A valid answer sets the session cookie and " +
          "redirects (303) to the app and path the sign-in began from; a refused one answers the " +
          "sign-in error page. See docs/sign-on.md for the checks.",
        security: [],
        params,
        body: z.object({
          SAMLResponse: z.string().min(1).max(FORM_LIMIT),
          RelayState: z.string().max(1000).optional(),
        }),
        response: { 303: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { institution, provider: providerCode } = req.params;
      const target = decodeRelayState(req.body.RelayState, institution);
      try {
        const provider = await samlProviderAt(db, institution, providerCode).catch(() => {
          throw refuseSignOn("unknown_provider", "no enabled SAML provider of that code");
        });
        const { session } = await signInWithSamlResponse(db, {
          provider,
          institutionCode: institution,
          publicUrl: config.publicUrl,
          samlResponse: req.body.SAMLResponse,
          relayState: req.body.RelayState,
          now: clock.now(),
          log: req.log,
          clientAddress: req.ip,
          ttlHours: config.sessionTtlHours,
          secrets: secretBox(config),
        });
        setSessionCookie(reply, config, session);
        return reply.redirect(target.returnPath, 303);
      } catch (error) {
        return answerSignOnFailure(req, reply, {
          institutionCode: institution,
          providerCode,
          app: target.app,
          error,
        });
      }
    },
  );
};

/** SAML 2.0's entry in the protocol table: the AuthnRequest, the ACS and metadata routes, and single logout. */
export const samlProtocol: ProtocolHandler = {
  async start(ctx, _req, reply, start) {
    const { provider } = start;
    if (provider.protocol !== "saml") throw new Error("not a SAML provider");
    const url = await startSamlSignIn(ctx.db, {
      provider,
      institutionCode: start.institution.code,
      publicUrl: ctx.config.publicUrl,
      target: { app: start.app, returnPath: start.returnPath },
      now: ctx.clock.now(),
      secrets: secretBox(ctx.config),
    });
    return reply.redirect(url, 303);
  },
  routes: samlRoutes,
  async signOutUrl(ctx, provider, _returnTo, session) {
    if (provider.protocol !== "saml") return null;
    return (
      (await samlSignOutUrl(ctx.db, {
        tokenHash: session.token_hash,
        now: ctx.clock.now(),
        secrets: secretBox(ctx.config),
      })) ?? null
    );
  },
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { setSessionCookie } from "../server/session-cookie.js";
import { findInstitutionByCode } from "../organisation/institution-repository.js";
import { finishOidcSignIn, oidcSignOutUrl, startOidcSignIn } from "./oidc.js";
import type { ProtocolHandler } from "./protocol-routes.js";
import type { IdentityProvider, OidcSettings } from "./provider-model.js";
import { findProvider } from "./providers-repository.js";
import { refuseSignOn } from "./refusal.js";
import { signInFromProvider } from "./sign-in-from-provider.js";
import { answerSignOnFailure } from "./sign-on-error-page.js";

/** OpenID Connect's entry in the protocol table: the start, the callback route, and signing out. */

type OidcProvider = IdentityProvider & { protocol: "oidc"; settings: OidcSettings };
const isOidc = (p: IdentityProvider | undefined): p is OidcProvider => p?.protocol === "oidc";

const callbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    "/auth/sso/:institution/:provider/callback",
    {
      config: { public: true },
      schema: {
        tags: ["Authentication"],
        summary: "Where an OpenID provider sends the browser back (authorization code, state)",
        description:
          "Signs the person in (the session cookie) and sends them to the page they started from; a refusal answers a page in their language (403) and logs the reason for the administrator.",
        security: [],
        params: z.object({ institution: z.string().min(1).max(50), provider: z.string().min(1).max(50) }),
        querystring: z.object({
          code: z.string().max(4000).optional(),
          state: z.string().max(4000).optional(),
          iss: z.string().max(4000).optional(),
          error: z.string().max(4000).optional(),
          error_description: z.string().max(4000).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { institution: institutionCode, provider: providerCode } = req.params;
      let app: "patron" | "staff" = "patron";
      try {
        const institution = await findInstitutionByCode(ctx.db, institutionCode);
        const provider = institution ? await findProvider(ctx.db, institution.id, { code: providerCode }) : undefined;
        if (!institution || !isOidc(provider)) throw refuseSignOn("unknown_provider", "no such OpenID provider");
        if (!provider.enabled) throw refuseSignOn("provider_disabled");
        const query = Object.fromEntries(
          Object.entries(req.query).filter((e): e is [string, string] => e[1] !== undefined),
        );
        const answer = await finishOidcSignIn(ctx, { provider, institutionCode, query });
        app = answer.app;
        const session = await signInFromProvider(ctx.db, {
          institutionId: institution.id,
          provider,
          attributes: answer.attributes,
          now: ctx.clock.now(),
          log: req.log,
          clientAddress: req.ip,
          ttlHours: ctx.config.sessionTtlHours,
        });
        setSessionCookie(reply, ctx.config, session);
        return reply.redirect(answer.returnPath, 303);
      } catch (error) {
        return answerSignOnFailure(req, reply, { institutionCode, providerCode, app, error });
      }
    },
  );
};

export const oidcProtocol: ProtocolHandler = {
  async start(ctx, _req, reply, start) {
    if (!isOidc(start.provider)) throw new Error("not an OpenID Connect provider");
    const url = await startOidcSignIn(ctx, {
      provider: start.provider,
      institutionCode: start.institution.code,
      app: start.app,
      returnPath: start.returnPath,
    });
    return reply.redirect(url.toString(), 303);
  },
  routes: callbackRoutes,
  async signOutUrl(ctx, provider, returnTo) {
    return isOidc(provider) ? oidcSignOutUrl(ctx, provider, returnTo) : null;
  },
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../errors.js";
import { findInstitutionByCode } from "../organisation/institution-repository.js";
import { codeField, errorResponses } from "../server/schemas.js";
import { PROTOCOLS } from "./protocol-routes.js";
import { listProviders, findProvider } from "./providers-repository.js";
import { refuseSignOn } from "./refusal.js";
import { defaultReturnPath, isSameSitePath } from "./return-path.js";
import { answerSignOnFailure } from "./sign-on-error-page.js";
import { signOnProvidersAnswer } from "./provider-schemas.js";

/** The address that starts a sign-in at a provider: what the sign-in pages' buttons link to. */
export const startPath = (institutionCode: string, providerCode: string) =>
  `/auth/sso/${encodeURIComponent(institutionCode)}/${encodeURIComponent(providerCode)}/start`;

/** The sign-in buttons (public) and the start of a sign-in at a provider, whatever its protocol. */
export const signOnRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    "/api/v1/auth/providers",
    {
      config: { public: true },
      schema: {
        tags: ["Authentication"],
        summary: "The institution's sign-in buttons: its enabled identity providers (anyone may ask)",
        description:
          "`patron_local_passwords` false: patrons sign in only through these providers, so the patron sign-in page shows no password form.",
        security: [],
        querystring: z.object({ institution: codeField }).strict(),
        response: { 200: signOnProvidersAnswer, ...errorResponses },
      },
    },
    async (req) => {
      const institution = await findInstitutionByCode(ctx.db, req.query.institution);
      if (!institution) throw notFound("institution");
      const providers = await listProviders(ctx.db, institution.id, { enabledOnly: true });
      return {
        patron_local_passwords: institution.patron_local_passwords === 1,
        providers: providers
          .filter((p) => PROTOCOLS[p.protocol] !== null)
          .map((p) => ({
            code: p.code,
            label: p.label,
            protocol: p.protocol,
            start_url: startPath(institution.code, p.code),
          })),
      };
    },
  );

  app.get(
    "/auth/sso/:institution/:provider/start",
    {
      config: { public: true },
      schema: {
        tags: ["Authentication"],
        summary: "Start signing in at an identity provider: redirects the browser there",
        description:
          "`app`: which app the person signs in to (patron or staff); `return`: a path on this site to land on once signed in (anything else is refused).",
        security: [],
        params: z.object({ institution: z.string().min(1).max(50), provider: z.string().min(1).max(50) }),
        querystring: z.object({
          app: z.enum(["patron", "staff"]).default("patron"),
          return: z.string().max(2000).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { institution: institutionCode, provider: providerCode } = req.params;
      const { app: which } = req.query;
      try {
        const institution = await findInstitutionByCode(ctx.db, institutionCode);
        const provider = institution ? await findProvider(ctx.db, institution.id, { code: providerCode }) : undefined;
        const handler = provider ? PROTOCOLS[provider.protocol] : null;
        if (!institution || !provider || !handler) throw refuseSignOn("unknown_provider", "no such provider");
        if (!provider.enabled) throw refuseSignOn("provider_disabled");
        const returnPath = req.query.return ?? defaultReturnPath(institution.code, which);
        if (!isSameSitePath(returnPath)) throw refuseSignOn("invalid_return", "the return address is not on this site");
        return await handler.start(ctx, req, reply, {
          institution: { id: institution.id, code: institution.code },
          provider,
          app: which,
          returnPath,
        });
      } catch (error) {
        return answerSignOnFailure(req, reply, { institutionCode, providerCode, app: which, error });
      }
    },
  );
};

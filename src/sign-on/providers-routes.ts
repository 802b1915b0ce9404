import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { findInstitution } from "../organisation/institution-repository.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import { providerAnswer, providerInput } from "./provider-schemas.js";
import * as uc from "./providers.js";
import { secretBox } from "../secrets/secrets-key.js";
import { presentProvider } from "./providers-present.js";

/** The institution's identity providers and their attribute mapping: General System Administrator. */
export const identityProviderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;
  const tags = ["Sign-on"];
  const addresses = async (institutionId: number) => ({
    publicUrl: config.publicUrl,
    institutionCode: (await findInstitution(db, institutionId))?.code ?? "",
  });

  app.get(
    "/identity-providers",
    {
      schema: {
        tags,
        summary: "List the institution's identity providers (OpenID Connect, SAML 2.0) with their mapping",
        response: { 200: z.object({ identity_providers: z.array(providerAnswer) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const list = await uc.listIdentityProviders(db, actor);
      const at = await addresses(actor.institutionId);
      return { identity_providers: list.map((p) => presentProvider(p, at)) };
    },
  );

  app.post(
    "/identity-providers",
    {
      schema: {
        tags,
        summary: "Add an identity provider",
        body: providerInput,
        response: { 201: providerAnswer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const created = await uc.createIdentityProvider(db, secretBox(config), actor, req.body, clock.now());
      return reply.status(201).send(presentProvider(created, await addresses(actor.institutionId)));
    },
  );

  app.get(
    "/identity-providers/:id",
    {
      schema: {
        tags,
        summary: "Read an identity provider",
        params: idParam,
        response: { 200: providerAnswer, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const provider = await uc.readIdentityProvider(db, actor, req.params.id);
      return presentProvider(provider, await addresses(actor.institutionId));
    },
  );

  app.put(
    "/identity-providers/:id",
    {
      schema: {
        tags,
        summary: "Replace an identity provider's settings and mapping (an OpenID client secret left out is kept)",
        params: idParam,
        body: providerInput,
        response: { 200: providerAnswer, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const updated = await uc.updateIdentityProvider(
        db,
        secretBox(config),
        actor,
        req.params.id,
        req.body,
        clock.now(),
      );
      return presentProvider(updated, await addresses(actor.institutionId));
    },
  );

  app.delete(
    "/identity-providers/:id",
    {
      schema: {
        tags,
        summary: "Remove an identity provider (its users keep their accounts)",
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.deleteIdentityProvider(db, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

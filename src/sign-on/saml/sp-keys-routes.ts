import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { secretBox } from "../../secrets/secrets-key.js";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses, idParam } from "../../server/schemas.js";
import * as uc from "./sp-key-rollover.js";
import { presentSpKeys } from "./sp-keys-present.js";
import { spKeyParams, spKeysAnswer } from "./sp-keys-schemas.js";

/** Rolling a SAML provider's key pair of Recto's over (docs/sign-on.md): General System Administrator. */
export const spKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;
  const tags = ["Sign-on"];
  const answers = { 200: spKeysAnswer, ...errorResponses };

  app.get(
    "/identity-providers/:id/sp-keys",
    {
      schema: {
        tags,
        summary: "A SAML provider's key pairs of Recto's: the active one, and during a rollover the other",
        params: idParam,
        response: answers,
      },
    },
    async (req) =>
      presentSpKeys(await uc.listSpKeys(db, secretBox(config), requireActor(req), req.params.id, clock.now())),
  );

  app.post(
    "/identity-providers/:id/sp-keys",
    {
      schema: {
        tags,
        summary: "Begin a key rollover: a new key pair, published in the metadata beside the active one",
        params: idParam,
        response: { 201: spKeysAnswer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const list = await uc.addSpKey(db, secretBox(config), requireActor(req), req.params.id, clock.now());
      req.log.info({ provider: list.provider.code }, "a new SAML key pair was added to a provider");
      return reply.status(201).send(presentSpKeys(list));
    },
  );

  app.post(
    "/identity-providers/:id/sp-keys/:key_id/activate",
    {
      schema: {
        tags,
        summary: "Sign with this key pair from now on; the one in use stays published and decrypting until retired",
        params: spKeyParams,
        response: answers,
      },
    },
    async (req) => {
      const { id, key_id: keyId } = req.params;
      const list = await uc.activateSpKey(db, requireActor(req), id, keyId, clock.now());
      req.log.info({ provider: list.provider.code, key: keyId }, "a SAML key pair of a provider was activated");
      return presentSpKeys(list);
    },
  );

  app.post(
    "/identity-providers/:id/sp-keys/:key_id/retire",
    {
      schema: {
        tags,
        summary: "Remove a key pair not in use, its private key with it (the metadata no longer names it)",
        params: spKeyParams,
        response: answers,
      },
    },
    async (req) => {
      const { id, key_id: keyId } = req.params;
      const list = await uc.retireSpKey(db, requireActor(req), id, keyId);
      req.log.info({ provider: list.provider.code, key: keyId }, "a SAML key pair of a provider was retired");
      return presentSpKeys(list);
    },
  );
};

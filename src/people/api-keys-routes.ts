import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam, nameField } from "../server/schemas.js";
import * as uc from "./api-keys.js";
import { apiKeySchema, issuedSchema, keyParams } from "./api-keys-schemas.js";
import { present } from "./api-keys-present.js";

export const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["People"];

  app.get(
    "/users/:id/api-keys",
    {
      schema: {
        tags,
        summary: "A user's API keys (prefixes only)",
        params: idParam,
        response: { 200: z.object({ api_keys: z.array(apiKeySchema) }), ...errorResponses },
      },
    },
    async (req) => ({ api_keys: (await uc.listApiKeys(db, requireActor(req), req.params.id)).map(present) }),
  );

  app.post(
    "/users/:id/api-keys",
    {
      schema: {
        tags,
        summary: "Create an API key; the answer is the only time the key is shown",
        params: idParam,
        body: z.object({ label: nameField.max(100, "must be at most 100 characters") }).strict(),
        response: { 201: issuedSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const issued = await uc.createApiKey(db, requireActor(req), req.params.id, req.body, clock.now());
      return reply.status(201).send({ ...present(issued), key: issued.key });
    },
  );

  app.delete(
    "/users/:id/api-keys/:key_id",
    {
      schema: {
        tags,
        summary: "Revoke an API key; it is refused from then on",
        params: keyParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.revokeApiKey(db, requireActor(req), req.params.id, req.params.key_id, clock.now());
      return reply.status(204).send(null);
    },
  );
};

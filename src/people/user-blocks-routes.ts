import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import * as uc from "./user-blocks.js";
import { blockSchema, blockBody, blockParams } from "./user-blocks-schemas.js";

export const userBlockRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["People"];
  const present = (b: Omit<z.infer<typeof blockSchema>, "active">) => ({
    id: b.id,
    user_id: b.user_id,
    block_type: b.block_type,
    note: b.note,
    expires_at: b.expires_at,
    active: uc.isBlockActive(b, clock.now()),
    created_at: b.created_at,
  });

  app.get(
    "/users/:id/blocks",
    {
      schema: {
        tags,
        summary: "A user's blocks, expired ones included",
        params: idParam,
        response: { 200: z.object({ blocks: z.array(blockSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ blocks: (await uc.listBlocks(db, requireActor(req), req.params.id)).map(present) }),
  );

  app.post(
    "/users/:id/blocks",
    {
      schema: {
        tags,
        summary: "Block a user from placing requests",
        params: idParam,
        body: blockBody,
        response: { 201: blockSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const block = await uc.addBlock(db, requireActor(req), req.params.id, req.body, clock.now());
      return reply.status(201).send(present(block));
    },
  );

  app.delete(
    "/users/:id/blocks/:block_id",
    {
      schema: {
        tags,
        summary: "Lift a block",
        params: blockParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await uc.removeBlock(db, requireActor(req), req.params.id, req.params.block_id);
      return reply.status(204).send(null);
    },
  );
};

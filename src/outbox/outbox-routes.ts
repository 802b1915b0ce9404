import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { withholdLinkTokens } from "../delivery/link-tokens.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, idParam } from "../server/schemas.js";
import { listOutbox, retryOutboxMessage } from "./outbox-admin.js";
import type { OutboxRow } from "./outbox-repository.js";

const statusField = z.enum(["pending", "processing", "done", "failed"]);

const messageSchema = z.object({
  id: z.number(),
  kind: z.enum(["letter", "print"]),
  topic: z.string(),
  request_id: z.number().nullable(),
  payload: z.unknown().describe("What the handler is given, as stored."),
  status: statusField,
  attempts: z.number().describe("Tries started so far."),
  next_attempt_at: z
    .string()
    .describe("When a pending message is tried next; for a processing one, when its worker's lease ends."),
  last_error: z.string().nullable(),
  created_at: z.string(),
  processed_at: z.string().nullable(),
});

const listQuery = z.object({
  status: statusField.optional(),
  request_id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Staff see that a link was sent, never its token (an error text could quote the letter).
const present = (r: OutboxRow): z.infer<typeof messageSchema> => ({
  id: r.id,
  kind: r.kind,
  topic: r.topic,
  request_id: r.request_id,
  payload: parsePayload(withholdLinkTokens(r.payload)),
  status: r.status,
  attempts: r.attempts,
  next_attempt_at: r.next_attempt_at,
  last_error: r.last_error === null ? null : withholdLinkTokens(r.last_error),
  created_at: r.created_at,
  processed_at: r.processed_at,
});

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Outbox"];

  app.get(
    "/outbox",
    {
      schema: {
        tags,
        summary: "List the letters and print jobs waiting to be sent, sent, or failed (newest first)",
        querystring: listQuery,
        response: { 200: z.object({ messages: z.array(messageSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { status, request_id, limit } = req.query;
      const rows = await listOutbox(db, actor, {
        limit,
        ...(status !== undefined ? { status } : {}),
        ...(request_id !== undefined ? { requestId: request_id } : {}),
      });
      return { messages: rows.map(present) };
    },
  );

  app.post(
    "/outbox/:id/retry",
    {
      schema: {
        tags,
        summary: "Send a failed message again",
        params: idParam,
        response: { 200: messageSchema, ...errorResponses },
      },
    },
    async (req) => present(await retryOutboxMessage(db, requireActor(req), req.params.id, clock.now())),
  );
};

import { z } from "zod";

/** The zod schemas of versions-routes.ts: what its routes accept and answer. */

const versionSchema = z.object({
  id: z.number(),
  record_id: z.number(),
  action: z.enum(["created", "updated", "deleted"]),
  actor_user_id: z.number().nullable(),
  at: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export const versionsSchema = z.object({ versions: z.array(versionSchema) });

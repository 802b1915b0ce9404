import { z } from "zod";
import { idParam } from "../server/schemas.js";

/** The zod schemas of api-keys-routes.ts: what its routes accept and answer. */
export const apiKeySchema = z.object({
  id: z.number(),
  label: z.string(),
  prefix: z.string().describe("the first characters of the key, to recognise it"),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export const issuedSchema = apiKeySchema.extend({
  key: z.string().describe("the key itself; shown this once only, store it now"),
});

export const keyParams = idParam.extend({ key_id: z.coerce.number().int().positive() });

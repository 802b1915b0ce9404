import { z } from "zod";

/** The zod schemas of auth-routes.ts: what its routes accept and answer. */
export const meSchema = z.object({
  user_id: z.number(),
  primary_id: z.string(),
  institution_id: z.number(),
  roles: z.array(z.object({ role: z.string(), scope_type: z.string(), scope_id: z.number().nullable() })),
  name: z.string().describe("first and last name, as the web pages greet the caller"),
  preferred_language: z.string().nullable().describe("the caller's preferred language, which the web pages speak"),
  csrf_token: z
    .string()
    .nullable()
    .describe(
      "a browser session's CSRF token for writes (a page signed in through an identity provider learns it here); null for an API key",
    ),
});

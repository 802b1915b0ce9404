import { z } from "zod";
import { nameField } from "../server/schemas.js";
import { languageField, timeZoneField } from "./fields.js";

/** The zod schemas of institution-routes.ts: what its routes accept and answer. */
export const institutionSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  time_zone: z.string(),
  default_language: z.string(),
  patron_local_passwords: z
    .boolean()
    .describe("patrons may sign in with a password; false: only through the identity providers (staff always may)"),
  created_at: z.string(),
  updated_at: z.string(),
});
export const institutionChanges = z
  .object({
    name: nameField,
    time_zone: timeZoneField,
    default_language: languageField,
    patron_local_passwords: z.boolean(),
  })
  .partial()
  .strict();

import { z } from "zod";
import { codeField, nameField } from "../server/schemas.js";

/** The zod schemas of libraries-routes.ts: what its routes accept and answer. */
export const librarySchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const locationSchema = librarySchema.extend({ library_id: z.number() });
export const libraryBody = z.object({ code: codeField, name: nameField }).strict();
export const locationBody = libraryBody;

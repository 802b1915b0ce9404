import { z } from "zod";
import { institutionSchema } from "./institution-schemas.js";

/** The JSON that institution-routes.ts answers. */
export const presentInstitution = (i: z.infer<typeof institutionSchema>): z.infer<typeof institutionSchema> => ({
  id: i.id,
  code: i.code,
  name: i.name,
  time_zone: i.time_zone,
  default_language: i.default_language,
  created_at: i.created_at,
  updated_at: i.updated_at,
});

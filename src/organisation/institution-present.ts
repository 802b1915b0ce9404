import { z } from "zod";
import { institutionSchema } from "./institution-schemas.js";

/** The JSON that institution-routes.ts answers. */
type InstitutionRow = Omit<z.infer<typeof institutionSchema>, "patron_local_passwords"> & {
  patron_local_passwords: number;
};

export const presentInstitution = (i: InstitutionRow): z.infer<typeof institutionSchema> => ({
  id: i.id,
  code: i.code,
  name: i.name,
  time_zone: i.time_zone,
  default_language: i.default_language,
  patron_local_passwords: i.patron_local_passwords === 1,
  created_at: i.created_at,
  updated_at: i.updated_at,
});

import { z } from "zod";
import { librarySchema } from "./libraries-schemas.js";

/** The JSON that libraries-routes.ts answers. */
export type LibraryRow = z.infer<typeof librarySchema> & { institution_id?: number };
export const presentLibrary = ({ id, code, name, created_at, updated_at }: LibraryRow) => ({
  id,
  code,
  name,
  created_at,
  updated_at,
});
export const presentLocation = (l: LibraryRow & { library_id: number }) => ({
  ...presentLibrary(l),
  library_id: l.library_id,
});

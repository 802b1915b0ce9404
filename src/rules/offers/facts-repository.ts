import type { Executor } from "../../db/database.js";

/** Lookups the rule facts need beyond what placement already loaded. */

export async function placeCodes(db: Executor, libraryId: number, locationId: number | null) {
  const library = await db.selectFrom("libraries").select("code").where("id", "=", libraryId).executeTakeFirst();
  const location =
    locationId === null
      ? undefined
      : await db.selectFrom("locations").select("code").where("id", "=", locationId).executeTakeFirst();
  return { libraryCode: library?.code ?? null, locationCode: location?.code ?? null };
}

import type { Executor } from "../db/database.js";

/**
 * Row writers for the demo seed. Seed data sets a scene rather than taking user input, so it
 * writes rows directly instead of going through the configuration use cases.
 */

/** The first shelved item of a library that stands alone (no volume or issue to choose). */
export async function firstItemInLibrary(db: Executor, institutionId: number, libraryCode: string) {
  return db
    .selectFrom("items as i")
    .innerJoin("libraries as l", "l.id", "i.library_id")
    .select(["i.id", "i.bib_id"])
    .where("i.institution_id", "=", institutionId)
    .where("l.code", "=", libraryCode)
    .where("i.description", "is", null)
    .where("i.process_status", "=", "IN_PLACE")
    .orderBy("i.id")
    .limit(1)
    .executeTakeFirst();
}

import type { Executor } from "../db/database.js";

/** Holdings with their library and location, joined so that lists need no second query. */
const holdingsWithPlace = (db: Executor) =>
  db
    .selectFrom("holdings as h")
    .innerJoin("libraries as lib", "lib.id", "h.library_id")
    .innerJoin("locations as loc", "loc.id", "h.location_id")
    .selectAll("h")
    .select([
      "lib.code as library_code",
      "lib.name as library_name",
      "loc.code as location_code",
      "loc.name as location_name",
    ]);

export type HoldingRow = Awaited<ReturnType<typeof findHolding>> & object;

export async function findHolding(db: Executor, institutionId: number, id: number) {
  return holdingsWithPlace(db).where("h.institution_id", "=", institutionId).where("h.id", "=", id).executeTakeFirst();
}

export async function listHoldingsOfBib(db: Executor, institutionId: number, bibId: number) {
  return holdingsWithPlace(db)
    .where("h.institution_id", "=", institutionId)
    .where("h.bib_id", "=", bibId)
    .orderBy("h.id")
    .execute();
}

/** The library of a title's first holding: where a title-level request goes when none is named. */
export async function firstHoldingLibrary(db: Executor, bibId: number) {
  return db
    .selectFrom("holdings as h")
    .innerJoin("libraries as lib", "lib.id", "h.library_id")
    .select(["lib.id", "lib.code"])
    .where("h.bib_id", "=", bibId)
    .orderBy("h.id")
    .limit(1)
    .executeTakeFirst();
}

export async function insertHolding(
  db: Executor,
  institutionId: number,
  v: {
    bib_id: number;
    library_id: number;
    location_id: number;
    call_number: string | null;
    summary_holdings: string | null;
  },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto("holdings")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findLocationByCode(db: Executor, institutionId: number, libraryId: number, code: string) {
  return db
    .selectFrom("locations")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("library_id", "=", libraryId)
    .where("code", "=", code)
    .executeTakeFirst();
}

/** Libraries of the institution that have a location with this code: to say where a stray code belongs. */
export async function librariesWithLocationCode(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("locations as loc")
    .innerJoin("libraries as lib", "lib.id", "loc.library_id")
    .select("lib.code")
    .where("loc.institution_id", "=", institutionId)
    .where("loc.code", "=", code)
    .orderBy("lib.code")
    .execute();
}

import { sql, type Insertable, type SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import { preparedBulk } from "../db/prepared-bulk.js";
import type { HoldingsTable } from "../db/schema.js";
import { idsInRowOrder, inSlices } from "./bulk-rows.js";

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

// Joins libraries here: the answer is a holding's library, named by its code.
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

interface NewHolding {
  bib_id: number;
  library_id: number;
  location_id: number;
  call_number: string | null;
  summary_holdings: string | null;
}

export async function insertHolding(db: Executor, institutionId: number, v: NewHolding, at: string): Promise<number> {
  const row = await db
    .insertInto("holdings")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A title's holding at exactly this place and call number, for a re-import to update instead of adding. */
export async function findHoldingAt(
  db: Executor,
  institutionId: number,
  v: { bib_id: number; library_id: number; location_id: number; call_number: string | null },
) {
  let q = db
    .selectFrom("holdings")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("bib_id", "=", v.bib_id)
    .where("library_id", "=", v.library_id)
    .where("location_id", "=", v.location_id);
  q = v.call_number === null ? q.where("call_number", "is", null) : q.where("call_number", "=", v.call_number);
  return q.orderBy("id").executeTakeFirst();
}

export async function setHoldingSummary(db: Executor, id: number, summary: string | null, at: string) {
  await db.updateTable("holdings").set({ summary_holdings: summary, updated_at: at }).where("id", "=", id).execute();
}

/** Whether any holding names this library or location (a place with holdings cannot be deleted). */
export async function anyHoldingNames(db: Executor, column: "library_id" | "location_id", id: number) {
  const row = await db.selectFrom("holdings").select("id").where(column, "=", id).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * A condition on a bib query, given its id column (`bibs.id`, `b.id`): the title has a holding
 * in this library. Catalogue lists and search filter by library with it.
 */
export const hasHoldingInLibrary = (bibId: string, libraryId: number) =>
  sql<SqlBool>`exists (select 1 from holdings h where h.bib_id = ${sql.ref(bibId)} and h.library_id = ${libraryId})`;

const holdingsInsert = preparedBulk((db, rows: Insertable<HoldingsTable>[]) =>
  db.insertInto("holdings").values(rows).returning("id"),
);

/** Many new holdings in multi-row INSERTs; their ids in the order of `rows`. */
export async function insertHoldings(db: Executor, institutionId: number, rows: NewHolding[], at: string) {
  return inSlices(rows, async (slice) =>
    idsInRowOrder(
      await holdingsInsert(
        db,
        slice.map((v) => ({ institution_id: institutionId, ...v, created_at: at, updated_at: at })),
      ),
    ),
  );
}

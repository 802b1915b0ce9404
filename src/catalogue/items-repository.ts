import type { Insertable } from "kysely";
import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";
import { preparedBulk } from "../db/prepared-bulk.js";
import { memoRead, primeMemo } from "../db/read-memo.js";
import type { ItemsTable, ProcessStatus } from "../db/schema.js";
import type { MaterialType } from "./bib-fields.js";
import { inSlices } from "./bulk-rows.js";

/**
 * Items with their library, location and fulfillment unit (DOMAIN 5.2; a location is in one unit
 * at most), joined so that the catalogue, services offered and placement read a title's items
 * the same way.
 */
const itemsWithPlace = (db: Executor) =>
  db
    .selectFrom("items as i")
    .innerJoin("libraries as lib", "lib.id", "i.library_id")
    .innerJoin("locations as loc", "loc.id", "i.location_id")
    .leftJoin("fulfillment_unit_locations as ful", "ful.location_id", "i.location_id")
    .leftJoin("fulfillment_units as u", "u.id", "ful.fulfillment_unit_id")
    .selectAll("i")
    .select([
      "lib.code as library_code",
      "lib.name as library_name",
      "loc.code as location_code",
      "loc.name as location_name",
      "u.id as unit_id",
      "u.code as unit_code",
    ]);

export type ItemRow = Awaited<ReturnType<typeof findItem>> & object;

export async function findItem(db: Executor, institutionId: number, id: number) {
  return itemsWithPlace(db).where("i.institution_id", "=", institutionId).where("i.id", "=", id).executeTakeFirst();
}

export async function findItemByBarcode(db: Executor, institutionId: number, barcode: string) {
  return itemsWithPlace(db)
    .where("i.institution_id", "=", institutionId)
    .where("i.barcode", "=", barcode)
    .executeTakeFirst();
}

/** A title's items, in the order they were added. */
export const itemsOfBibRows = (db: Executor, v: { institutionId: number; bibId: number }) =>
  itemsWithPlace(db).where("i.institution_id", "=", v.institutionId).where("i.bib_id", "=", v.bibId).orderBy("i.id");

// Built once: every placement reads its title's items.
const itemsOfBibQuery = prepared(itemsOfBibRows);
const itemsOfBibKey = (institutionId: number, bibId: number) => `items_of_bib:${institutionId}:${bibId}`;

export async function listItemsOfBib(db: Executor, institutionId: number, bibId: number) {
  return memoRead(db, itemsOfBibKey(institutionId, bibId), () => itemsOfBibQuery(db, { institutionId, bibId }));
}

/** listItemsOfBib's answer, read together with others (read-memo.ts). */
export function primeItemsOfBib(db: Executor, institutionId: number, bibId: number, rows: ItemRow[]): void {
  primeMemo(db, itemsOfBibKey(institutionId, bibId), rows);
}

interface ItemValues {
  barcode: string;
  description: string | null;
  item_policy: string | null;
  material_type: MaterialType | null;
  page_count: number | null;
  process_status: ProcessStatus;
}

/** The holding's bib, library and location are copied onto the item, so requests route without joins. */
export async function insertItem(
  db: Executor,
  institutionId: number,
  holding: { id: number; bib_id: number; library_id: number; location_id: number },
  v: ItemValues,
  at: string,
): Promise<number> {
  const row = await db
    .insertInto("items")
    .values({
      institution_id: institutionId,
      bib_id: holding.bib_id,
      holding_id: holding.id,
      library_id: holding.library_id,
      location_id: holding.location_id,
      ...v,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateItem(db: Executor, id: number, v: Partial<ItemValues>, at: string): Promise<void> {
  await db
    .updateTable("items")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .execute();
}

/** A re-imported item moves to the holding its record now gives, with that holding's place. */
export async function moveItem(
  db: Executor,
  id: number,
  holding: { id: number; library_id: number; location_id: number },
  v: { item_policy: string | null; description: string | null },
  at: string,
) {
  await db
    .updateTable("items")
    .set({
      holding_id: holding.id,
      library_id: holding.library_id,
      location_id: holding.location_id,
      ...v,
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
}

/** Whether any item is shelved at this location (a location with items cannot be deleted). */
export async function anyItemAtLocation(db: Executor, locationId: number): Promise<boolean> {
  const row = await db
    .selectFrom("items")
    .select("id")
    .where("location_id", "=", locationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The first shelved item of a library that stands alone (no volume or issue to choose): the demo's examples. */
export async function firstShelvedItemInLibrary(db: Executor, institutionId: number, libraryId: number) {
  return db
    .selectFrom("items")
    .select(["id", "bib_id"])
    .where("institution_id", "=", institutionId)
    .where("library_id", "=", libraryId)
    .where("description", "is", null)
    .where("process_status", "=", "IN_PLACE")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export async function findItemOfBib(db: Executor, bibId: number, itemId: number) {
  return db.selectFrom("items").select(["id"]).where("id", "=", itemId).where("bib_id", "=", bibId).executeTakeFirst();
}

export async function findItemByDescription(db: Executor, bibId: number, description: string) {
  const rows = await db
    .selectFrom("items")
    .select(["id", "description"])
    .where("bib_id", "=", bibId)
    .where("description", "is not", null)
    .execute();
  const want = description.trim().toLowerCase();
  return rows.find((r) => r.description?.trim().toLowerCase() === want);
}

/**
 * Where the institution's items are: each library and location holding items once, with the
 * location's fulfillment unit (the readiness check asks which libraries have digitizable items).
 */
export async function itemPlaces(db: Executor, institutionId: number) {
  return itemsWithPlace(db)
    .clearSelect()
    .select([
      "i.library_id",
      "lib.code as library_code",
      "lib.name as library_name",
      "i.location_id",
      "loc.code as location_code",
      "u.id as unit_id",
      "u.code as unit_code",
    ])
    .distinct()
    .where("i.institution_id", "=", institutionId)
    .orderBy("lib.code")
    .orderBy("loc.code")
    .execute();
}

const itemsInsert = preparedBulk((db, rows: Insertable<ItemsTable>[]) => db.insertInto("items").values(rows));

/** Many new items, each with its holding's place copied as insertItem does, in multi-row INSERTs. */
export async function insertItems(
  db: Executor,
  institutionId: number,
  rows: { holding: { id: number; bib_id: number; library_id: number; location_id: number }; values: ItemValues }[],
  at: string,
): Promise<void> {
  await inSlices(rows, async (slice) => {
    const values = slice.map(({ holding, values }) => ({
      institution_id: institutionId,
      bib_id: holding.bib_id,
      holding_id: holding.id,
      library_id: holding.library_id,
      location_id: holding.location_id,
      ...values,
      created_at: at,
      updated_at: at,
    }));
    await itemsInsert(db, values);
    return [];
  });
}

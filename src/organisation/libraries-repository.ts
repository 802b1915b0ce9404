import type { Executor } from "../db/database.js";
import { anyHoldingNames } from "../catalogue/holdings-repository.js";
import { anyItemAtLocation } from "../catalogue/items-repository.js";
import { anyRequestNames } from "../requests/repository.js";
import { anyDepartmentOwnedBy, removeFromServedLibraries } from "./departments-repository.js";
import { anyDeskInLibrary } from "./desks-repository.js";

export async function listLibraries(db: Executor, institutionId: number) {
  return db.selectFrom("libraries").selectAll().where("institution_id", "=", institutionId).orderBy("code").execute();
}

export async function findLibrary(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("libraries")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findLibraryIdByCode(db: Executor, institutionId: number, code: string) {
  return (await findLibraryByCode(db, institutionId, code))?.id ?? null;
}

export async function findLibraryCode(db: Executor, libraryId: number): Promise<string | null> {
  const row = await db.selectFrom("libraries").select("code").where("id", "=", libraryId).executeTakeFirst();
  return row?.code ?? null;
}

export async function findLibraryByCode(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("libraries")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirst();
}

/** Which of the given ids are libraries of the institution. */
export async function existingLibraryIds(db: Executor, institutionId: number, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("libraries")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("id", "in", ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertLibrary(
  db: Executor,
  institutionId: number,
  v: { code: string; name: string },
  at: string,
) {
  return db
    .insertInto("libraries")
    .values({ institution_id: institutionId, code: v.code, name: v.name, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateLibrary(db: Executor, id: number, v: { code?: string; name?: string }, at: string) {
  return db
    .updateTable("libraries")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** What still points at a library; a library in use cannot be deleted. */
export async function libraryUsage(db: Executor, id: number): Promise<string[]> {
  const found = async (q: { executeTakeFirst(): Promise<unknown> }) => (await q.executeTakeFirst()) !== undefined;
  const checks: [string, () => Promise<boolean>][] = [
    ["locations", () => found(db.selectFrom("locations").select("id").where("library_id", "=", id).limit(1))],
    ["circulation desks", () => anyDeskInLibrary(db, id)],
    ["departments", () => anyDepartmentOwnedBy(db, id)],
    ["holdings", () => anyHoldingNames(db, "library_id", id)],
    ["requests", () => anyRequestNames(db, "library_id", id)],
  ];
  const used: string[] = [];
  for (const [label, inUse] of checks) if (await inUse()) used.push(label);
  return used;
}

export async function deleteLibrary(db: Executor, id: number): Promise<void> {
  await removeFromServedLibraries(db, id);
  await db.deleteFrom("libraries").where("id", "=", id).execute();
}

/** The locations of one library, or (no library named) of the whole institution. */
export async function listLocations(db: Executor, institutionId: number, libraryId?: number) {
  return db
    .selectFrom("locations")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .$if(libraryId !== undefined, (q) => q.where("library_id", "=", libraryId!))
    .orderBy("code")
    .execute();
}

export async function findLocation(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("locations")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertLocation(
  db: Executor,
  institutionId: number,
  libraryId: number,
  v: { code: string; name: string },
  at: string,
) {
  return db
    .insertInto("locations")
    .values({ institution_id: institutionId, library_id: libraryId, ...v, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateLocation(db: Executor, id: number, v: { code?: string; name?: string }, at: string) {
  return db
    .updateTable("locations")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** What still points at a location; a location in use cannot be deleted. */
export async function locationUsage(db: Executor, id: number): Promise<string[]> {
  const used: string[] = [];
  if (await anyHoldingNames(db, "location_id", id)) used.push("holdings");
  if (await anyItemAtLocation(db, id)) used.push("items");
  return used;
}

export async function deleteLocation(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("locations").where("id", "=", id).execute();
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

/** The codes of a library and of a location (null when none is named): rule facts name places by code. */
export async function placeCodes(db: Executor, libraryId: number, locationId: number | null) {
  const libraryCode = await findLibraryCode(db, libraryId);
  const location =
    locationId === null
      ? undefined
      : await db.selectFrom("locations").select("code").where("id", "=", locationId).executeTakeFirst();
  return { libraryCode, locationCode: location?.code ?? null };
}

/** Every location of the institution with its library's code, in code order. */
export async function listInstitutionLocations(db: Executor, institutionId: number) {
  return db
    .selectFrom("locations as l")
    .innerJoin("libraries as lib", "lib.id", "l.library_id")
    .select(["l.id", "l.code", "l.library_id", "lib.code as library_code"])
    .where("l.institution_id", "=", institutionId)
    .orderBy("lib.code")
    .orderBy("l.code")
    .execute();
}

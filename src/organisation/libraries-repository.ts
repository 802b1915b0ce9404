import type { Executor } from "../db/database.js";
import { anyRequestNames } from "../requests/repository.js";

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
  const checks = [
    ["locations", db.selectFrom("locations").select("id").where("library_id", "=", id).limit(1)],
    ["circulation desks", db.selectFrom("circulation_desks").select("id").where("library_id", "=", id).limit(1)],
    ["departments", db.selectFrom("departments").select("id").where("owner_library_id", "=", id).limit(1)],
    ["holdings", db.selectFrom("holdings").select("id").where("library_id", "=", id).limit(1)],
  ] as const;
  const used: string[] = [];
  for (const [label, q] of checks) if (await q.executeTakeFirst()) used.push(label);
  if (await anyRequestNames(db, "library_id", id)) used.push("requests");
  return used;
}

export async function deleteLibrary(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("department_served_libraries").where("library_id", "=", id).execute();
  await db.deleteFrom("libraries").where("id", "=", id).execute();
}

export async function listLocations(db: Executor, institutionId: number, libraryId: number) {
  return db
    .selectFrom("locations")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("library_id", "=", libraryId)
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

export async function locationUsage(db: Executor, id: number): Promise<string[]> {
  const used: string[] = [];
  if (await db.selectFrom("holdings").select("id").where("location_id", "=", id).limit(1).executeTakeFirst())
    used.push("holdings");
  if (await db.selectFrom("items").select("id").where("location_id", "=", id).limit(1).executeTakeFirst())
    used.push("items");
  return used;
}

export async function deleteLocation(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("locations").where("id", "=", id).execute();
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

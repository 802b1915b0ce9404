import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { TermsOfUseTable } from "../../db/schema.js";
import { deleteTable, findTable, fulfillmentUnitOutputs, insertTable } from "../tables/repository.js";

/** A fulfillment unit's Request rules are the rule table of this key (rules/tables/repository.ts owns them). */
const unitTableKey = (unitId: number) => `fulfillment_unit:${unitId}`;

/** Terms of use (DOMAIN 5.1) and fulfillment units (5.2). */

export async function listTermsOfUse(db: Executor, institutionId: number) {
  return db
    .selectFrom("terms_of_use")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .orderBy("code")
    .execute();
}

export async function findTermsOfUse(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("terms_of_use")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type TermsOfUseRow = NonNullable<Awaited<ReturnType<typeof findTermsOfUse>>>;

export async function termsOfUseByCode(db: Executor, institutionId: number, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom("terms_of_use")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "in", codes)
    .execute();
}

export async function insertTermsOfUse(db: Executor, row: Insertable<TermsOfUseTable>) {
  return db.insertInto("terms_of_use").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTermsOfUse(db: Executor, id: number, v: Updateable<TermsOfUseTable>) {
  return db.updateTable("terms_of_use").set(v).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteTermsOfUse(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("terms_of_use").where("id", "=", id).execute();
}

/** Outputs of the fulfillment unit tables (defaults and rules), to find what names a terms of use. */
export async function fulfillmentOutputs(db: Executor, institutionId: number) {
  return fulfillmentUnitOutputs(db, institutionId);
}

export async function listUnits(db: Executor, institutionId: number) {
  return db
    .selectFrom("fulfillment_units")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .orderBy("code")
    .execute();
}

export async function findUnit(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("fulfillment_units")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findUnitByCode(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("fulfillment_units")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export type UnitRow = NonNullable<Awaited<ReturnType<typeof findUnit>>>;

export async function insertUnit(db: Executor, institutionId: number, v: { code: string; name: string }, at: string) {
  return db
    .insertInto("fulfillment_units")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUnit(db: Executor, id: number, v: { code?: string; name?: string }, at: string) {
  return db
    .updateTable("fulfillment_units")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteUnit(db: Executor, institutionId: number, id: number): Promise<void> {
  await deleteTable(db, institutionId, unitTableKey(id));
  await db.deleteFrom("fulfillment_units").where("id", "=", id).execute();
}

// Joins locations and libraries here: the answer is a unit's locations, named as a person reads them.
export async function unitLocations(db: Executor, unitId: number) {
  return db
    .selectFrom("fulfillment_unit_locations as ful")
    .innerJoin("locations as l", "l.id", "ful.location_id")
    .innerJoin("libraries as lib", "lib.id", "l.library_id")
    .select(["l.id", "l.code", "lib.code as library_code"])
    .where("ful.fulfillment_unit_id", "=", unitId)
    .orderBy("lib.code")
    .orderBy("l.code")
    .execute();
}

// Reads locations here: the answer is which unit holds each location (DOMAIN 5.2), checked before a unit takes it.
/** Which of these locations belong to the institution, and which unit (if any) holds each. */
export async function locationsWithUnits(db: Executor, institutionId: number, locationIds: number[]) {
  if (locationIds.length === 0) return [];
  return db
    .selectFrom("locations as l")
    .leftJoin("fulfillment_unit_locations as ful", "ful.location_id", "l.id")
    .leftJoin("fulfillment_units as u", "u.id", "ful.fulfillment_unit_id")
    .select(["l.id", "u.id as unit_id", "u.code as unit_code"])
    .where("l.institution_id", "=", institutionId)
    .where("l.id", "in", locationIds)
    .execute();
}

export async function setUnitLocations(db: Executor, institutionId: number, unitId: number, locationIds: number[]) {
  await db.deleteFrom("fulfillment_unit_locations").where("fulfillment_unit_id", "=", unitId).execute();
  for (const locationId of locationIds) {
    await db
      .insertInto("fulfillment_unit_locations")
      .values({ institution_id: institutionId, fulfillment_unit_id: unitId, location_id: locationId })
      .execute();
  }
}

export async function insertUnitTable(db: Executor, institutionId: number, unitId: number, output: string, at: string) {
  await insertTable(db, institutionId, unitTableKey(unitId), output, at);
}

export async function unitTableDefault(db: Executor, institutionId: number, unitId: number) {
  const row = await findTable(db, institutionId, unitTableKey(unitId));
  return row ? (JSON.parse(row.default_output) as { terms_of_use: string }) : null;
}

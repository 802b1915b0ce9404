import type { Executor } from "../../db/database.js";

/** What deciding the services of a title needs: its items with their places and units. */

export async function titleForServices(db: Executor, institutionId: number, bibId: number) {
  return db
    .selectFrom("bibs")
    .select(["id", "title", "material_type", "publication_year", "full_text_url"])
    .where("institution_id", "=", institutionId)
    .where("id", "=", bibId)
    .executeTakeFirst();
}

export async function itemsForServices(db: Executor, bibId: number) {
  return db
    .selectFrom("items as i")
    .innerJoin("locations as l", "l.id", "i.location_id")
    .innerJoin("libraries as lib", "lib.id", "i.library_id")
    .leftJoin("fulfillment_unit_locations as ful", "ful.location_id", "i.location_id")
    .leftJoin("fulfillment_units as u", "u.id", "ful.fulfillment_unit_id")
    .select([
      "i.id",
      "i.barcode",
      "i.description",
      "i.library_id",
      "i.location_id",
      "i.process_status",
      "i.item_policy",
      "i.material_type",
      "l.code as location_code",
      "lib.code as library_code",
      "u.id as unit_id",
      "u.code as unit_code",
    ])
    .where("i.bib_id", "=", bibId)
    .orderBy("i.id")
    .execute();
}

export type ServiceItem = Awaited<ReturnType<typeof itemsForServices>>[number];

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

export async function termsOfUseByCodeOne(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("terms_of_use")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirst();
}

/** The data recorded when the request was placed: the facts, the rule and the trace. */
export async function placedEventData(db: Executor, requestId: number) {
  const row = await db
    .selectFrom("request_events")
    .select("data")
    .where("request_id", "=", requestId)
    .where("action", "=", "placed")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
}

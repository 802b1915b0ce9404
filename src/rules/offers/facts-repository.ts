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

/** The same patron's history with the same item: the latest request date and how many are still open. */
export async function sameItemHistory(db: Executor, userId: number, itemId: number | null) {
  if (itemId === null) return { lastRequestDate: null, open: 0 };
  const rows = await db
    .selectFrom("requests")
    .select(["request_date", "is_active"])
    .where("user_id", "=", userId)
    .where("item_id", "=", itemId)
    .orderBy("request_date", "desc")
    .limit(1000)
    .execute();
  return { lastRequestDate: rows[0]?.request_date ?? null, open: rows.filter((r) => r.is_active === 1).length };
}

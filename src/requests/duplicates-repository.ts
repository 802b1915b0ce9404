import type { Executor } from "../db/database.js";

/**
 * The patron's requests on a title that are open, or were placed since `since` and did not end
 * cancelled, rejected or expired: the candidates for the duplicate warning (DOMAIN 7).
 */
export async function openOrRecentOnTitle(db: Executor, userId: number, bibId: number, since: string) {
  return db
    .selectFrom("requests as r")
    .leftJoin("items as i", "i.id", "r.item_id")
    .select(["r.id", "r.state", "r.request_date", "r.item_id", "r.form", "i.description as item_description"])
    .where("r.user_id", "=", userId)
    .where("r.bib_id", "=", bibId)
    .where((eb) =>
      eb.or([
        eb("r.is_active", "=", 1),
        eb.and([eb("r.request_date", ">=", since), eb("r.state", "not in", ["CANCELLED", "REJECTED", "EXPIRED"])]),
      ]),
    )
    .orderBy("r.id", "desc")
    .limit(200)
    .execute();
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

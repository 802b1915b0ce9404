import type { Executor } from "../../db/database.js";

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

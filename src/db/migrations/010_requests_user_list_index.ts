import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

// A patron's list (their own, or `?user_id=` for staff) pages by id within one patron.
// requests_user_ix (user_id, is_active, id) serves the patron-limit count, but is_active sits
// before id, so it cannot give rows in id order: SQLite instead walked requests_inst_ix newest
// first and filtered, ~300 ms per page at a million requests (bench/request-list.ts). With
// (institution_id, user_id, id) the page is an index range read, as for every other filter.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex("requests_inst_user_ix")
    .on("requests")
    .columns(["institution_id", "user_id", "id"])
    .execute();
}

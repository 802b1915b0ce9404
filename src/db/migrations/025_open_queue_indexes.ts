import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * A work queue's first page at any place, for any caller, in either order (issue 12). Every
 * queue holds open requests only, a few percent of the table, so these are partial indexes of
 * the open requests (`is_active = 1`, which the queues' SQL states) holding every column a
 * queue's place terms and the caller's visibility test (library, department, desk, patron): a
 * page is read in its order and filtered inside the index, never in the table's rows. Without
 * them, "in transit" at a place (the item's library, handled elsewhere) and any queue whose place
 * or caller matched few of its state's requests read the table row of every request in the
 * state, 3,000 to 6,000 at a million requests (SQLite: up to 26 ms for a page, 0.6 ms after).
 * `requests_open_state_ix` gives newest first, `requests_open_due_ix` the due date order. Both
 * begin with the state, not the institution: the counts group all of an institution's open
 * requests in the order of `requests_open_ix` (022), and an index that began with the
 * institution would compete for that statement (SQLite, without statistics for a new index,
 * took it and sorted every open request, 1.6 to 6 ms).
 *
 * PostgreSQL estimates `state IN (open states) AND is_active = 1` as if the two were unrelated,
 * about 60 times too few rows, and then planned a nested loop over thousands of rows for a
 * Requests Operator's approval queue (10 to 14 ms, 2 to 3 ms after); the dependency statistics
 * tell it that the state decides `is_active`.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const covered = ["library_id", "department_id", "desk_id", "user_id"];
  const open = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on("requests").columns(columns).where(sql.ref("is_active"), "=", 1).execute();
  await open("requests_open_state_ix", ["state", "institution_id", "id", ...covered]);
  await open("requests_open_due_ix", ["state", "institution_id", "due_at", "id", ...covered]);
  if (dialect === "postgres") {
    await sql`create statistics requests_state_active_stx (dependencies) on state, is_active from requests`.execute(db);
    await sql`analyze requests`.execute(db);
  }
}

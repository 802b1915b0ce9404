import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The staff work queues (issue 12). The scan station and the list find an item's requests by its
 * barcode: (institution_id, item_id, id) makes that an index range read in id order, like every
 * other list filter. The approval and copyright queues, and "ready to deliver" (no pending task),
 * ask which requests have a pending task of a kind: (institution_id, status, kind, request_id)
 * answers from the index alone, however many decided tasks the history holds. A queue sorted by
 * due date reads (institution_id, state, due_at, id) in order instead of sorting the whole
 * state. The counts of every queue read only open requests, a few percent of the table:
 * requests_open_ix holds just those, with every column the counts test (place, library,
 * patron), so counting never reads the table's rows. A queue at one place reads
 * (department_id, state, id) or (desk_id, state, id): PostgreSQL otherwise intersected the
 * place's whole history with the state's rows (a desk's 140,000 requests for a page of 25).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex("requests_inst_item_ix")
    .on("requests")
    .columns(["institution_id", "item_id", "id"])
    .execute();
  await db.schema
    .createIndex("request_tasks_pending_ix")
    .on("request_tasks")
    .columns(["institution_id", "status", "kind", "request_id"])
    .execute();
  await db.schema
    .createIndex("requests_state_due_ix")
    .on("requests")
    .columns(["institution_id", "state", "due_at", "id"])
    .execute();
  await db.schema
    .createIndex("requests_dept_state_ix")
    .on("requests")
    .columns(["department_id", "state", "id"])
    .execute();
  await db.schema.createIndex("requests_desk_state_ix").on("requests").columns(["desk_id", "state", "id"]).execute();
  await db.schema
    .createIndex("requests_open_ix")
    .on("requests")
    .columns(["institution_id", "state", "department_id", "desk_id", "library_id", "user_id", "id"])
    .where(sql.ref("is_active"), "=", 1)
    .execute();
}

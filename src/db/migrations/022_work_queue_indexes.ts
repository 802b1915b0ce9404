import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The staff work queues (issue 12). The scan station and the list find an item's requests by its
 * barcode: (institution_id, item_id, id) makes that an index range read in id order, like every
 * other list filter. The approval and copyright queues, and "ready to deliver" (no pending task),
 * ask which requests have a pending task of a kind: (institution_id, status, kind, request_id)
 * answers from the index alone, however many decided tasks the history holds.
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
}

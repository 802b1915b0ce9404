import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The scan station finds a request by its item's barcode: the item's open requests, at every
 * scan. Without an index on the item that is a read of every request; with it, a few rows.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex("requests_item_open_ix").on("requests").columns(["item_id", "is_active"]).execute();
}

import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

// The outbox keeps every sent message, so staff listings (per institution, newest first, or per
// request) need their own indexes; the worker's due scan already has outbox_due_ix.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex("outbox_institution_ix").on("outbox").columns(["institution_id", "id"]).execute();
  await db.schema.createIndex("outbox_request_ix").on("outbox").column("request_id").execute();
}

import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * A download link's view is one download from the first byte, resumable by byte ranges for a
 * short time only: view_started_at is when the current view was counted, so a Range request
 * after that window (or on a link never opened) is refused instead of serving the file for ever.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("delivery_links")
    .addColumn("view_started_at", dialect === "postgres" ? sql`timestamptz` : sql`text`)
    .execute();
}

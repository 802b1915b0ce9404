import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * A worker that dies mid-import used to leave the import RUNNING for ever. The worker now beats
 * (heartbeat_at) after each committed batch; an import whose beat is stale is queued again (a
 * re-import completes what was committed, since records match by key), up to a few attempts.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("marc_imports")
    .addColumn("heartbeat_at", dialect === "postgres" ? sql`timestamptz` : sql`text`)
    .execute();
  await db.schema
    .alterTable("marc_imports")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

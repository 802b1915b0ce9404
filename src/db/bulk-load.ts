import { sql } from "kysely";
import type { Db } from "./database.js";
import { dialectOf } from "./dialect.js";

/*
 * Connection settings for a large load (the MARC import). SQLite copies the write-ahead log
 * into the database file whenever a commit leaves it over wal_autocheckpoint pages (1,000 by
 * default, 4 MB): a load commits several MB per batch, so every commit copied pages back, often
 * the same index pages again. During the load the log may grow to BULK_WAL_PAGES before a copy;
 * afterwards the default returns and what the load left is copied at once. PostgreSQL needs
 * nothing here.
 */

/** About 40 MB of log between two copies into the database file. */
const BULK_WAL_PAGES = 10_000;
const DEFAULT_WAL_PAGES = 1_000;

/** Runs `load` (which may commit many times) with the settings above, and restores them after. */
export async function withBulkLoad<T>(db: Db, load: () => Promise<T>): Promise<T> {
  if (dialectOf(db) === "postgres") return load();
  await sql.raw(`pragma wal_autocheckpoint = ${BULK_WAL_PAGES}`).execute(db);
  try {
    return await load();
  } finally {
    await sql.raw(`pragma wal_autocheckpoint = ${DEFAULT_WAL_PAGES}`).execute(db);
    await sql`pragma wal_checkpoint(passive)`.execute(db);
  }
}

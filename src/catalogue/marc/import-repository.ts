import { sql } from "kysely";
import type { Executor } from "../../db/database.js";
import { dialectOf } from "../../db/dialect.js";
import { inSlices } from "../bulk-rows.js";

/** The MARC import's own SQL: its savepoints and what a group of records looks up at once. Bibs, holdings and items are written by their repositories. */

/*
 * One record is written under a savepoint inside a batch transaction: a record that fails
 * midway is rolled back alone, and the batch still commits once for many records. A group of
 * records written together has its own (import-store.ts).
 */
type SavepointName = "marc_record" | "marc_group";
export const savepoint = (db: Executor, name: SavepointName = "marc_record") =>
  sql`savepoint ${sql.raw(name)}`.execute(db);
export const releaseSavepoint = (db: Executor, name: SavepointName = "marc_record") =>
  sql`release savepoint ${sql.raw(name)}`.execute(db);
export const rollbackToSavepoint = (db: Executor, name: SavepointName = "marc_record") =>
  sql`rollback to savepoint ${sql.raw(name)}`.execute(db);

/** Which of these values the institution's rows already have: bibs' record keys or items' barcodes. */
export async function existingValues(
  db: Executor,
  institutionId: number,
  of: { table: "bibs"; column: "record_key" } | { table: "items"; column: "barcode" },
  values: string[],
): Promise<Set<string>> {
  if (values.length > 0 && dialectOf(db) === "sqlite") {
    // one statement whatever the group's size: a list of `?` is a statement to prepare for each length
    const { rows } = await sql<{ value: string }>`select ${sql.ref(of.column)} as value from ${sql.table(of.table)}
      where institution_id = ${institutionId}
      and ${sql.ref(of.column)} in (select value from json_each(${JSON.stringify(values)}))`.execute(db);
    return new Set(rows.map((r) => r.value));
  }
  const found = await inSlices(values, async (slice) => {
    const { rows } = await sql<{ value: string }>`select ${sql.ref(of.column)} as value from ${sql.table(of.table)}
      where institution_id = ${institutionId} and ${sql.ref(of.column)} in (${sql.join(slice)})`.execute(db);
    return rows.map((r) => r.value);
  });
  return new Set(found);
}

/**
 * PostgreSQL plans the lookups above from the tables' statistics, and a large load outgrows
 * them within the minute autovacuum waits (or never, with autovacuum off): planned for a few
 * hundred rows, the record key lookup read every bib of the institution, for every group. The
 * import refreshes them as the tables grow, right after a batch's commit (so ANALYZE counts the
 * new rows): its lock, which another ANALYZE of the table waits for (another institution's
 * import, autovacuum), then lasts the statement instead of the rest of a batch. A dry run, which
 * never commits, refreshes them in its own transaction. SQLite without statistics already takes
 * the index that matches both columns.
 */
export async function refreshStatistics(db: Executor): Promise<void> {
  if (dialectOf(db) === "postgres") await sql`analyze bibs, holdings, items`.execute(db);
}

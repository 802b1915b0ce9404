import { sql } from "kysely";
import type { Executor } from "../../db/database.js";

/** The MARC import's own SQL: its savepoints. Bibs, holdings and items are written by their repositories. */

/*
 * One record is written under a savepoint inside a batch transaction: a record that fails
 * midway is rolled back alone, and the batch still commits once for many records.
 */
export const savepoint = (db: Executor) => sql`savepoint marc_record`.execute(db);
export const releaseSavepoint = (db: Executor) => sql`release savepoint marc_record`.execute(db);
export const rollbackToSavepoint = (db: Executor) => sql`rollback to savepoint marc_record`.execute(db);

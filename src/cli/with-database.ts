import { loadConfig } from "../config.js";
import { openDatabase, type Db } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";

/** A command's work on the configured database, brought up to date first and closed after. */
export async function withMigratedDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const opened = openDatabase(loadConfig().database);
  try {
    await migrateToLatest(opened.db, opened.dialect);
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import pg from "pg";
import type { Config } from "../config.js";
import type { Dialect } from "./dialect.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything a repository can run SQL on: the database or an open transaction. */
export type Executor = Kysely<Database>;

// PostgreSQL returns bigint as a string and timestamptz as a Date; Recto's rows use
// numbers and ISO-8601 UTC strings on both dialects, so convert at the driver.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());

export interface OpenedDb {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(database: Config["database"], options: { poolSize?: number } = {}): OpenedDb {
  if (database.dialect === "postgres") {
    const pool = new pg.Pool({ connectionString: database.url, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  if (database.file !== ":memory:") fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

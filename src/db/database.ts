import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, type LogConfig, type Transaction } from "kysely";
import type PgModule from "pg";
import type { Config } from "../config.js";
import type { Dialect } from "./dialect.js";
import type { Database } from "./schema.js";
import { namingStatements } from "./pg-named-statements.js";
import { ImmediateSqliteDialect } from "./sqlite-dialect.js";
import { cachingStatements } from "./sqlite-statement-cache.js";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything a repository can run SQL on: the database or an open transaction. */
export type Executor = Kysely<Database>;

/** The PostgreSQL driver, loaded when a PostgreSQL database is first opened: a server on SQLite never loads it. */
let pgDriver: typeof PgModule | undefined;
function loadPg(): typeof PgModule {
  if (pgDriver) return pgDriver;
  const pg = createRequire(import.meta.url)("pg") as typeof PgModule;
  // PostgreSQL returns bigint as a string and timestamptz as a Date; Recto's rows use
  // numbers and ISO-8601 UTC strings on both dialects, so convert at the driver.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
  return (pgDriver = pg);
}

/** SQLite's busy_timeout: see openDatabase. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export interface OpenedDb {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(
  database: Config["database"],
  /** log: Kysely's query log (every statement, begin and commit included), e.g. to count statements */
  options: { poolSize?: number; log?: LogConfig } = {},
): OpenedDb {
  const log = options.log ? { log: options.log } : {};
  if (database.dialect === "postgres") {
    const pool = new (loadPg().Pool)({ connectionString: database.url, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingStatements(pool) }), ...log });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  if (database.file !== ":memory:") fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // How long a writer waits for another process's write transaction (a separate `recto worker`,
  // a second server, a CLI import) before SQLITE_BUSY, which answers 503 DATABASE_BUSY.
  // Transactions begin immediate (sqlite-dialect.ts), so every writer waits here instead of
  // failing on a stale snapshot. Most transactions last milliseconds, but a MARC import batch
  // (500 records in one transaction) holds the lock for seconds: placements during an import
  // waited up to 4.9 s on a busy 2-core machine, too close to the former 5 s. The wait only
  // lasts as long as the holder does, so a longer timeout costs nothing when all is well; it
  // decides when a stuck holder becomes a retryable error. better-sqlite3 waits synchronously
  // (this process answers nothing else meanwhile), so it stays well under HTTP client timeouts.
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }),
    ...log,
  });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

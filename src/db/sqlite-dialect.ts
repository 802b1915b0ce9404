import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from "kysely";

/**
 * Kysely's SQLite driver, except that a transaction begins IMMEDIATE: it takes the database's
 * write lock up front, waiting for it up to busy_timeout.
 *
 * A plain (deferred) BEGIN reads from a snapshot and asks for the write lock only at its first
 * write. When another process (a separate `recto worker`, a second server) has committed in
 * between, SQLite cannot upgrade the stale snapshot and fails at once with SQLITE_BUSY_SNAPSHOT,
 * without waiting: every read-then-write use case (placing a request, checking the patron limit)
 * would fail now and then. Beginning immediate makes writers queue instead. In this process
 * Kysely already runs one query at a time on the one connection; this orders writers across
 * processes. A transaction begun with `setAccessMode("read only")` stays deferred: it never
 * writes, so it needs no lock and never meets a stale snapshot.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    const readOnly = settings?.accessMode === "read only";
    await connection.executeQuery(CompiledQuery.raw(readOnly ? "begin deferred" : "begin immediate"));
  }
}

/** Kysely's SqliteDialect whose transactions begin immediate (see ImmediateSqliteDriver). */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  SqliteQueryCompiler,
  ValueNode,
  type DatabaseConnection,
  type Driver,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type QueryCompiler,
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

/**
 * Kysely's SQLite compiler, except that a LIMIT or OFFSET that is a whole number is written into
 * the SQL instead of bound. SQLite looks at a bound LIMIT or OFFSET while it plans a statement,
 * and marks the statement to be planned again whenever that parameter is bound: at every run,
 * since every run binds its values. Each run then paid a prepare (15 to 60 µs on this machine,
 * more for a long statement; sqlite-dialect.test.ts). A stand-in of a query built once
 * (prepared.ts) is no number and stays a parameter.
 */
class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    this.append("limit ");
    this.visitNode(written(node.limit));
  }
  protected override visitOffset(node: OffsetNode): void {
    this.append("offset ");
    this.visitNode(written(node.offset));
  }
}

const written = (node: OperationNode): OperationNode =>
  ValueNode.is(node) && !node.immediate && Number.isSafeInteger(node.value)
    ? ValueNode.createImmediate(node.value)
    : node;

/**
 * Kysely's SqliteDialect whose transactions begin immediate (see ImmediateSqliteDriver) and
 * whose limits are written into the SQL (see LiteralLimitCompiler).
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createQueryCompiler(): QueryCompiler {
    return new LiteralLimitCompiler();
  }
}

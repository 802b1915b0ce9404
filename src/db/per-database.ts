import type { Executor } from "./database.js";

/**
 * What a process keeps between transactions about a database's rows (compiled rule tables, held
 * configuration) belongs to that database: ids and revisions mean something only within one. A
 * server opens one database, but a process may open several (a CLI command copying between two,
 * the test suite's workers, which open a fresh database for each test file). The key is the
 * Kysely instance's adapter, which its transactions and plugin-wrapped copies share.
 */
export function perDatabase<T>(make: () => T): (db: Executor) => T {
  const kept = new WeakMap<object, T>();
  return (db) => {
    const key = db.getExecutor().adapter;
    let value = kept.get(key);
    if (value === undefined) {
      value = make();
      kept.set(key, value);
    }
    return value;
  };
}

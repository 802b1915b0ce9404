import { CompiledQuery, type Compilable, type DialectAdapter, type RawBuilder } from "kysely";
import type { Executor } from "./database.js";
import { nameStatement } from "./pg-named-statements.js";

/*
 * Queries built once (issue 14). Kysely builds a query's tree and compiles it to SQL at every
 * call: about a tenth of a placement's CPU went there, for queries whose shape never changes.
 * A prepared query is built and compiled once per database (per dialect adapter), with a
 * stand-in for each value; each call then only puts its values in their places. The SQL stays
 * in the repository that owns the table: the repository writes the query with Kysely as usual.
 */

/** Stands for the named value while a query is built once; compiling puts it among the parameters. */
class Slot {
  constructor(readonly name: string) {}
}

type Parameter = { slot: string } | { value: unknown };

interface Shape {
  sql: string;
  parameters: Parameter[];
}

/**
 * A query of fixed shape, built with `build` once per database and run with `values`.
 * `build` receives stand-ins for the values, one per key of the first call's values: it may
 * pass them to Kysely as values only, never look at them (no `if`, no arrays whose length
 * shapes the SQL, no `is null` decided by a value), since the query it builds serves every
 * call. Every key must become a parameter, and every call must give every key a value: both
 * are refused otherwise, so a misuse fails at once instead of writing the wrong row.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (db: Executor, values: P) => Compilable<R> | RawBuilder<R>,
): (db: Executor, values: P) => Promise<R[]> {
  const shapes = new WeakMap<DialectAdapter, Shape>();
  return async (db, values) => {
    const adapter = db.getExecutor().adapter;
    let shape = shapes.get(adapter);
    if (!shape) {
      shape = compileOnce(db, build, Object.keys(values));
      shapes.set(adapter, shape);
    }
    const parameters = shape.parameters.map((p) => ("slot" in p ? valueOf(values, p.slot, shape.sql) : p.value));
    return (await db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters))).rows;
  };
}

function valueOf(values: Record<string, unknown>, name: string, sql: string): unknown {
  const value = values[name];
  if (value === undefined) throw new Error(`prepared query: no value for ${name} in ${sql}`);
  return value;
}

function compileOnce<P extends Record<string, unknown>, R>(
  db: Executor,
  build: (db: Executor, values: P) => Compilable<R> | RawBuilder<R>,
  names: string[],
): Shape {
  const stand = Object.fromEntries(names.map((name) => [name, new Slot(name)])) as P;
  const built = build(db, stand);
  // A raw `sql` query compiles against the database it would run on; a query builder already
  // knows its database and ignores the argument.
  const compiled = (built as RawBuilder<R>).compile(db);
  const parameters = compiled.parameters.map((p): Parameter => (p instanceof Slot ? { slot: p.name } : { value: p }));
  const placed = new Set(parameters.flatMap((p) => ("slot" in p ? [p.slot] : [])));
  const lost = names.filter((name) => !placed.has(name));
  if (lost.length) throw new Error(`prepared query: ${lost.join(", ")} did not become parameters of ${compiled.sql}`);
  nameStatement(compiled.sql);
  return { sql: compiled.sql, parameters };
}

/** Inserts of more rows than this are built at each call (they are rare: imports use bulk-load.ts). */
export const MAX_PREPARED_ROWS = 8;

/** A row's columns: a key whose value is undefined is no column, as Kysely's insert leaves it out. */
export const columnsOf = (row: object): string[] =>
  Object.entries(row).flatMap(([column, value]) => (value === undefined ? [] : [column]));

/**
 * An insert of a few rows of one shape (a request's events, its letters), built once per number
 * of rows and set of columns, as `prepared` builds a query once. Every row must have the columns
 * of the first, no more and no fewer.
 */
export function preparedRows<Row extends object, R>(
  build: (db: Executor, rows: Row[]) => Compilable<R>,
): (db: Executor, rows: Row[]) => Promise<R[]> {
  const shapes = new Map<string, (db: Executor, values: Record<string, unknown>) => Promise<R[]>>();
  return async (db, rows) => {
    if (rows.length === 0) return [];
    if (rows.length > MAX_PREPARED_ROWS) return (await db.executeQuery(build(db, rows).compile())).rows;
    const columns = columnsOf(rows[0]!);
    for (const row of rows) {
      const own = columnsOf(row);
      if (own.length !== columns.length || !columns.every((c) => own.includes(c)))
        throw new Error("prepared rows: every row needs the same columns");
    }
    const key = `${rows.length}:${columns.join(",")}`;
    let run = shapes.get(key);
    if (!run) {
      const count = rows.length;
      run = prepared((built, v: Record<string, unknown>) =>
        build(
          built,
          Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((c) => [c, v[`${i}:${c}`]])) as Row),
        ),
      );
      shapes.set(key, run);
    }
    const values: Record<string, unknown> = {};
    rows.forEach((row, i) => {
      for (const c of columns) values[`${i}:${c}`] = (row as Record<string, unknown>)[c];
    });
    return run(db, values);
  };
}

import { CompiledQuery, type Compilable } from "kysely";
import type { Executor } from "./database.js";
import { dialectOf } from "./dialect.js";
import { columnsOf } from "./prepared.js";

/*
 * Multi-row INSERTs of a bulk load (the MARC import writes its bibs, holdings and items a group
 * at a time), built once per number of rows on SQLite. Kysely parsing and compiling a 100-row
 * INSERT of twenty columns at every group was about as much of the main thread's time as
 * SQLite writing the rows. Here a statement is built with Kysely once, with a stand-in for each
 * row's value of each column; each call then lists its values in the statement's order.
 *
 * The rows are written in at most two pieces, a multiple of STEP rows and what remains (100
 * rows: 96 and 4), so that a table has a few dozen statements whatever its groups' sizes: each
 * is a statement the SQLite statement cache keeps, and a cache filled with every size of INSERT
 * from 1 to 500 would push out the statements the rest of the application runs. On PostgreSQL
 * every statement is a round trip to the server, so there the rows go in one statement built at
 * each call, as before.
 */

/** The largest piece on SQLite: 256 rows of 30 columns stay well under its 32,766 parameters. */
const MAX_PIECE_ROWS = 256;

/** Stands for one row's value of one column while a statement is built. */
class Cell {
  constructor(
    readonly row: number,
    readonly column: string,
  ) {}
}

/** Per parameter: the row (-1 for a constant of the statement) and the column it takes, or the constant. */
interface Shape {
  sql: string;
  rows: Int32Array;
  columns: string[];
  constants: unknown[];
}

const sameColumns = (row: object, columns: string[]): boolean => {
  let n = 0;
  for (const value of Object.values(row)) if (value !== undefined) n += 1;
  return n === columns.length && columns.every((c) => (row as Record<string, unknown>)[c] !== undefined);
};

/** Pieces are multiples of this, but for the last few rows. */
const STEP = 16;

/** The rows of the next piece when `n` are left to write. */
const pieceOf = (n: number): number => (n < STEP ? n : Math.min(MAX_PIECE_ROWS, n - (n % STEP)));

/**
 * An INSERT of many rows of one shape, `build` writing it with Kysely for the rows it is given.
 * Answers what the statements return, in the order of the pieces. Every row must have the
 * columns of the first, no more and no fewer: rows that differ are refused before any is written.
 */
export function preparedBulk<Row extends object, R>(
  build: (db: Executor, rows: Row[]) => Compilable<R>,
): (db: Executor, rows: Row[]) => Promise<R[]> {
  const shapes = new Map<string, Shape>();
  const shapeOf = (db: Executor, count: number, columns: string[]): Shape => {
    const key = `${count}:${columns.join(",")}`;
    let shape = shapes.get(key);
    if (!shape) {
      const stand = Array.from(
        { length: count },
        (_, row) => Object.fromEntries(columns.map((column) => [column, new Cell(row, column)])) as Row,
      );
      const { sql, parameters } = build(db, stand).compile();
      const cells = parameters.filter((p) => p instanceof Cell);
      if (cells.length !== count * columns.length)
        throw new Error(`prepared bulk insert: not every value became a parameter of ${sql}`);
      shape = {
        sql,
        rows: Int32Array.from(parameters, (p) => (p instanceof Cell ? p.row : -1)),
        columns: parameters.map((p) => (p instanceof Cell ? p.column : "")),
        constants: parameters.map((p) => (p instanceof Cell ? undefined : p)),
      };
      shapes.set(key, shape);
    }
    return shape;
  };

  return async (db, rows) => {
    if (rows.length === 0) return [];
    const columns = columnsOf(rows[0]!);
    for (const row of rows)
      if (!sameColumns(row, columns)) throw new Error("prepared bulk insert: every row needs the same columns");
    if (dialectOf(db) === "postgres") return (await db.executeQuery(build(db, rows).compile())).rows;
    const out: R[] = [];
    for (let start = 0; start < rows.length;) {
      const count = pieceOf(rows.length - start);
      const shape = shapeOf(db, count, columns);
      const parameters = new Array<unknown>(shape.rows.length);
      for (let i = 0; i < parameters.length; i += 1) {
        const row = shape.rows[i]!;
        parameters[i] =
          row < 0 ? shape.constants[i] : (rows[start + row] as Record<string, unknown>)[shape.columns[i]!];
      }
      out.push(...(await db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters))).rows);
      start += count;
    }
    return out;
  };
}

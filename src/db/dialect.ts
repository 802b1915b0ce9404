import { PostgresAdapter, sql, type Kysely, type RawBuilder } from "kysely";

export type Dialect = "sqlite" | "postgres";

/** The dialect behind a Kysely instance or transaction, for the few places SQL must differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works for any schema and for transactions
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** A value in a VALUES list: PostgreSQL types the list's columns from their values, so it is cast there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works for any schema and for transactions
export function valuesCell(db: Kysely<any>, value: unknown, postgresType: string): RawBuilder<unknown> {
  return dialectOf(db) === "postgres" ? sql`cast(${value} as ${sql.raw(postgresType)})` : sql`${value}`;
}

import { PostgresAdapter, type Kysely } from "kysely";

export type Dialect = "sqlite" | "postgres";

/** The dialect behind a Kysely instance or transaction, for the few places SQL must differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works for any schema and for transactions
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

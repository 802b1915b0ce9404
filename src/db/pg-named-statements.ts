import { createHash } from "node:crypto";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type PgModule from "pg";

/*
 * PostgreSQL's counterpart of SQLite's statement cache (issue 14). Kysely sends every query
 * unnamed, so PostgreSQL parses, analyses and plans it at every call. A query built once
 * (prepared.ts) has a text that never changes: it is sent as a named statement instead, which
 * each connection parses once and whose plan PostgreSQL may keep. Only those texts are named, so
 * the number of statements a connection keeps is bounded by the code, not by the data.
 */

const names = new Map<string, string>();

/**
 * Marks `sql` as a text worth keeping prepared on each connection. Its name follows from the text
 * alone: where a pooler lets several processes (or versions of Recto) share a server connection,
 * a name another process gave to another text would otherwise run that text with these values.
 */
export function nameStatement(sql: string): void {
  if (!names.has(sql)) names.set(sql, `recto_${createHash("sha256").update(sql).digest("hex").slice(0, 32)}`);
}

/** PostgreSQL refuses to run a kept statement whose result columns a migration has changed. */
const CACHED_PLAN_CHANGED = "0A000";
/** The connection no longer has the statement it was given (DEALLOCATE ALL, DISCARD ALL, a pooler). */
const STATEMENT_GONE = "26000";
const LOST = new Set([CACHED_PLAN_CHANGED, STATEMENT_GONE]);

const BEGINS = /^\s*(begin|start transaction)\b/i;
const ENDS = /^\s*(commit|rollback|end)\s*$/i;

/** `pool`, whose clients send the texts marked by nameStatement as named statements. */
export function namingStatements(pool: PgModule.Pool): PostgresPool {
  const wrapped = new WeakMap<PgModule.PoolClient, PostgresPoolClient>();
  // Set when a statement a connection had parsed was gone: behind a pooler in transaction mode
  // (PgBouncer) each transaction may get another server connection, so statements kept on one are
  // missing on the next, and a new connection would not help. The pool then sends every query
  // unnamed (a pool of its own: another database of the same process may have no pooler).
  let keptStatementsLost = false;
  const wrap = (client: PgModule.PoolClient): PostgresPoolClient => {
    // A connection whose kept statement went stale (a migration changed its table) or was lost
    // (pg still thinks it parsed) is closed when it is given back, so its kept statements go with
    // it. Outside a transaction the query is sent again unnamed at once; inside one, the
    // transaction has failed and its caller retries.
    let stale = false;
    let inTransaction = false;
    // A cursor (Kysely's stream) is handed back as it is, not in a promise.
    const query = (sql: unknown, parameters?: ReadonlyArray<unknown>) =>
      typeof sql === "string"
        ? text(sql, parameters as unknown[])
        : client.query(sql as Parameters<PgModule.PoolClient["query"]>[0]);
    const text = async (sql: string, parameters: unknown[]) => {
      if (BEGINS.test(sql)) inTransaction = true;
      else if (ENDS.test(sql)) inTransaction = false;
      const name = names.get(sql);
      if (name === undefined || stale || keptStatementsLost) return client.query(sql, parameters);
      try {
        return await client.query({ name, text: sql, values: parameters });
      } catch (error) {
        const code = (error as { code?: string }).code ?? "";
        if (!LOST.has(code)) throw error;
        if (code === STATEMENT_GONE) keptStatementsLost = true;
        stale = true;
        if (inTransaction) throw error;
        return client.query(sql, parameters);
      }
    };
    return {
      query,
      release(destroy?: boolean) {
        client.release(stale || destroy === true);
        stale = false;
        inTransaction = false;
      },
    } as unknown as PostgresPoolClient;
  };
  return {
    async connect() {
      const client = await pool.connect();
      let found = wrapped.get(client);
      if (!found) wrapped.set(client, (found = wrap(client)));
      return found;
    },
    end: () => pool.end(),
  };
}

/** The name `sql` is sent by, undefined when it is sent unnamed. */
export function statementName(sql: string): string | undefined {
  return names.get(sql);
}

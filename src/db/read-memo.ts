import type { KyselyPlugin } from "kysely";
import type { Executor } from "./database.js";

/*
 * Reads shared within one use case's transaction. Placing a request asks for the same facts
 * from several places (the consortium of the institution, its rule tables, the items of the
 * title): each is read once and handed out again for the rest of the transaction. Only an
 * executor made by withReadMemo memoizes, so a use case opts in, and only for a transaction
 * that does not itself change what it memoizes (placement writes requests, not rules).
 */

const passThrough: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => args.result,
};

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/** The same executor (same connection, same transaction) whose memoRead calls memoize. */
export function withReadMemo<T extends Executor>(db: T): T {
  const scoped = db.withPlugin(passThrough) as T;
  memos.set(scoped, new Map());
  return scoped;
}

/** Whether db memoizes: a repository may then read a whole set once instead of one row at a time. */
export const memoizes = (db: Executor): boolean => memos.has(db);

/** read() once per key for a withReadMemo executor; every time for any other executor. */
export function memoRead<T>(db: Executor, key: string, read: () => Promise<T>): Promise<T> {
  const memo = memos.get(db);
  if (!memo) return read();
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = read();
    memo.set(key, hit);
  }
  return hit;
}

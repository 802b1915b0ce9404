import type { KyselyPlugin } from "kysely";
import type { Executor } from "./database.js";

/*
 * Reads shared within one use case's transaction. Placing a request asks for the same facts
 * from several places (the consortium of the institution, its rule tables, the items of the
 * title): each is read once and handed out again for the rest of the transaction. Only an
 * executor made by withReadMemo memoizes, so a use case opts in, and only for a transaction
 * that does not change what it memoizes before it has read it for the last time (placement
 * writes requests and items, but only after its last read of them; it never writes rules).
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

/**
 * From now on, memoRead hands out `value` for `key` in this transaction: a read that PostgreSQL
 * did together with others in one statement (requests/placement-repository.ts). Does nothing for
 * an executor that does not memoize.
 */
export function primeMemo(db: Executor, key: string, value: unknown): void {
  memos.get(db)?.set(key, Promise.resolve(value));
}

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

import { sql } from "kysely";
import type { Db, Tx } from "./database.js";
import { dialectOf } from "./dialect.js";

/*
 * A group commit for use cases on SQLite (issue 14). SQLite has one writer: concurrent placements
 * queue for it, and each paid for its own commit, which writes every page it touched (the request
 * row, each of its indexes' pages, the history, the outbox) to the write-ahead log: about 40 % of
 * a placement's time in SQLite. Work that arrives together (the requests read in the same turn of
 * the event loop) now runs in one transaction, each piece in its own savepoint, and shares one
 * commit, which writes a page the pieces have in common once.
 *
 * What each piece may rely on is unchanged: it runs alone on the connection, sees what the pieces
 * before it wrote (so a limit counted under the write lock still holds), and is all or nothing.
 * Its answer, a result or an error, is given once the shared commit has succeeded. If the shared
 * transaction fails (the commit, or a savepoint that cannot be rolled back), nothing of it was
 * written: every piece runs again alone, in its own transaction, and answers from that run; a
 * refusal decided on a companion's write that was then lost is thereby decided again.
 *
 * PostgreSQL has no single writer: its transactions run side by side, each on its own connection.
 */

/** How many pieces share one transaction at most: the last waits for all before it. */
export const MAX_GROUP = 32;

type Piece = {
  work: (tx: Tx) => Promise<unknown>;
  done: (result: unknown) => void;
  fail: (error: unknown) => void;
};

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

class SqliteGroups {
  #waiting: Piece[] = [];
  #scheduled = false;
  constructor(private readonly db: Db) {}

  add(piece: Piece): void {
    this.#waiting.push(piece);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the requests already read in this turn of the event loop have reached here too.
    setImmediate(() => void this.#run());
  }

  async #run(): Promise<void> {
    while (this.#waiting.length > 0) await this.#commit(this.#waiting.splice(0, MAX_GROUP));
    this.#scheduled = false;
  }

  async #commit(group: Piece[]): Promise<void> {
    if (group.length === 1) return this.#alone(group[0]!);
    let outcomes: Outcome[];
    try {
      outcomes = await this.db.transaction().execute(async (tx) => {
        const ran: Outcome[] = [];
        for (const piece of group) ran.push(await inSavepoint(tx, piece.work));
        return ran;
      });
    } catch {
      for (const piece of group) await this.#alone(piece);
      return;
    }
    group.forEach((piece, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) piece.done(outcome.result);
      else piece.fail(outcome.error);
    });
  }

  async #alone(piece: Piece): Promise<void> {
    try {
      piece.done(await this.db.transaction().execute(piece.work));
    } catch (error) {
      piece.fail(error);
    }
  }
}

/** Runs work in a savepoint: kept when it succeeds, undone when it fails. A failed undo fails the group. */
async function inSavepoint(tx: Tx, work: (tx: Tx) => Promise<unknown>): Promise<Outcome> {
  await sql`savepoint grouped`.execute(tx);
  let outcome: Outcome;
  try {
    outcome = { ok: true, result: await work(tx) };
  } catch (error) {
    await sql`rollback to grouped`.execute(tx);
    outcome = { ok: false, error };
  }
  await sql`release grouped`.execute(tx);
  return outcome;
}

const groups = new WeakMap<Db, SqliteGroups>();

/**
 * Runs `work` in a transaction of its own on PostgreSQL, and on SQLite in one it may share with
 * work that arrived at the same time (see above). `work` must touch nothing but the database:
 * it may run twice, and only the run whose transaction commits counts.
 */
export function groupedTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (dialectOf(db) === "postgres") return db.transaction().execute(work);
  let grouper = groups.get(db);
  if (!grouper) groups.set(db, (grouper = new SqliteGroups(db)));
  const sqliteGroups = grouper;
  return new Promise<T>((done, fail) => {
    sqliteGroups.add({ work, done: done as (result: unknown) => void, fail });
  });
}

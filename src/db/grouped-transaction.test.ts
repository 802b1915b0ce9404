import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDb, type Tx } from "./database.js";
import { groupedTransaction, MAX_GROUP } from "./grouped-transaction.js";

/*
 * The group commit is SQLite's (PostgreSQL runs each transaction on its own): these tests open
 * a SQLite database of their own, whichever database the suite runs on, and read its statements.
 */
let opened: OpenedDb;
let dir: string;
let statements: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-grouped-"));
  statements = [];
  opened = openDatabase(
    { dialect: "sqlite", file: path.join(dir, "grouped.db") },
    { log: (event) => void statements.push(event.query.sql) },
  );
  await sql`create table probe (n integer primary key)`.execute(opened.db);
  statements = [];
});
afterEach(async () => {
  await opened.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (n: number) => async (tx: Tx) => {
  await sql`insert into probe (n) values (${n})`.execute(tx);
  return n;
};
const stored = async () =>
  (await sql<{ n: number }>`select n from probe order by n`.execute(opened.db)).rows.map((r) => r.n);
const commits = () => statements.filter((s) => s === "commit").length;

describe("transactions grouped on SQLite", () => {
  it("runs work that arrives together in one transaction, each in its savepoint, answered in order", async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => groupedTransaction(opened.db, insert(n))));
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(await stored()).toEqual([1, 2, 3, 4, 5]);
    expect(commits()).toBe(1);
    expect(statements.filter((s) => s.startsWith("savepoint"))).toHaveLength(5);
  });

  it("lets each piece see what the pieces before it wrote", async () => {
    const countThenInsert = (n: number) => async (tx: Tx) => {
      const before = (await sql<{ c: number }>`select count(*) as c from probe`.execute(tx)).rows[0]!.c;
      await sql`insert into probe (n) values (${n})`.execute(tx);
      return before;
    };
    const seen = await Promise.all([1, 2, 3].map((n) => groupedTransaction(opened.db, countThenInsert(n))));
    expect(seen).toEqual([0, 1, 2]);
  });

  it("undoes a failing piece alone and gives it its own error; the others are kept", async () => {
    const refused = new Error("refused");
    const failing = async (tx: Tx) => {
      await sql`insert into probe (n) values (${3})`.execute(tx);
      throw refused;
    };
    const results = await Promise.allSettled([
      groupedTransaction(opened.db, insert(1)),
      groupedTransaction(opened.db, insert(2)),
      groupedTransaction(opened.db, failing),
      groupedTransaction(opened.db, insert(4)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((results[2] as PromiseRejectedResult).reason).toBe(refused);
    expect(await stored()).toEqual([1, 2, 4]);
    expect(commits()).toBe(1);
  });

  it("runs every piece again alone when the shared transaction fails, each written once", async () => {
    // Ends the shared transaction under the others' feet: its savepoint can no longer be released.
    const breaking = async (tx: Tx) => {
      await sql`rollback`.execute(tx);
      throw new Error("broke the transaction");
    };
    const results = await Promise.allSettled([
      groupedTransaction(opened.db, insert(1)),
      groupedTransaction(opened.db, breaking),
      groupedTransaction(opened.db, insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await stored()).toEqual([1, 3]);
  });

  it("runs work that arrives alone in a plain transaction", async () => {
    expect(await groupedTransaction(opened.db, insert(7))).toBe(7);
    expect(statements).toEqual(["begin immediate", "insert into probe (n) values (?)", "commit"]);
  });

  it(`puts at most ${MAX_GROUP} pieces in one transaction, and answers everyone`, async () => {
    const many = Array.from({ length: MAX_GROUP + 5 }, (_, i) => i + 1);
    const answers = await Promise.all(many.map((n) => groupedTransaction(opened.db, insert(n))));
    expect(answers).toEqual(many);
    expect(await stored()).toEqual(many);
    expect(commits()).toBe(2);
  });
});

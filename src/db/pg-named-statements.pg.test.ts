import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDb } from "./database.js";
import { testPgUrl } from "../../test/harness.js";
import { prepared } from "./prepared.js";

/*
 * A query built once (prepared.ts) goes to PostgreSQL as a named statement, which each
 * connection parses once; other queries stay unnamed. One connection, so that the statements a
 * connection keeps can be seen on it.
 */
let opened: OpenedDb;
const table = `named_probe_${process.pid}_${Date.now()}`;

beforeAll(async () => {
  opened = openDatabase({ dialect: "postgres", url: testPgUrl() }, { poolSize: 1 });
  await sql`create table ${sql.table(table)} (id integer primary key, label text not null)`.execute(opened.db);
  await sql`insert into ${sql.table(table)} (id, label) values (1, 'one'), (2, 'two')`.execute(opened.db);
});
afterAll(async () => {
  await sql`drop table if exists ${sql.table(table)}`.execute(opened.db);
  await opened.close();
});

const rowById = prepared(
  (_db, v: { id: number }) => sql<{ id: number; label: string }>`
  select * from ${sql.table(table)} where id = ${v.id}`,
);

const keptStatements = async () =>
  (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(opened.db)).rows.map(
    (r) => r.statement,
  );

describe("queries built once, on PostgreSQL", () => {
  it("are kept prepared on the connection; a query built at each call is not", async () => {
    expect(await rowById(opened.db, { id: 2 })).toEqual([{ id: 2, label: "two" }]);
    await sql`select label from ${sql.table(table)} where id = ${1}`.execute(opened.db);
    const kept = await keptStatements();
    expect(kept.filter((s) => s.includes(table))).toHaveLength(1);
    expect(kept.find((s) => s.includes(table))).toMatch(/select \* from/);
    // Run again, in a transaction too: the same statement, not a second one.
    expect(await rowById(opened.db, { id: 1 })).toEqual([{ id: 1, label: "one" }]);
    await opened.db.transaction().execute(async (tx) => {
      expect(await rowById(tx, { id: 2 })).toEqual([{ id: 2, label: "two" }]);
    });
    expect((await keptStatements()).filter((s) => s.includes(table))).toHaveLength(1);
  });

  it("still answers after a migration changes the columns a kept statement returns", async () => {
    expect(await rowById(opened.db, { id: 1 })).toEqual([{ id: 1, label: "one" }]);
    await sql`alter table ${sql.table(table)} add column shelf text`.execute(opened.db);
    // PostgreSQL refuses the kept plan ("cached plan must not change result type"): outside a
    // transaction the query is sent again unnamed, and the connection is replaced afterwards.
    expect(await rowById(opened.db, { id: 1 })).toEqual([{ id: 1, label: "one", shelf: null }]);
    // Inside a transaction the refusal fails that transaction only (PostgreSQL has aborted it);
    // the connection is replaced, and the next one runs.
    expect(await rowById(opened.db, { id: 2 })).toEqual([{ id: 2, label: "two", shelf: null }]);
    await sql`alter table ${sql.table(table)} add column floor text`.execute(opened.db);
    await expect(opened.db.transaction().execute((tx) => rowById(tx, { id: 2 }))).rejects.toMatchObject({
      code: "0A000",
    });
    const retried = await opened.db.transaction().execute((tx) => rowById(tx, { id: 2 }));
    expect(retried).toEqual([{ id: 2, label: "two", shelf: null, floor: null }]);
  });

  it("sends every query unnamed once the server has lost a statement it had parsed (a pooler in transaction mode)", async () => {
    expect(await rowById(opened.db, { id: 1 })).toMatchObject({ 0: { id: 1, label: "one" } });
    // What a pooler in transaction mode does: the next transaction's server connection has never
    // seen the statement.
    await sql`deallocate all`.execute(opened.db);
    expect(await rowById(opened.db, { id: 1 })).toMatchObject({ 0: { id: 1, label: "one" } });
    expect(await rowById(opened.db, { id: 2 })).toMatchObject({ 0: { id: 2, label: "two" } });
    expect((await keptStatements()).filter((s) => s.includes(table))).toEqual([]);
  });
});

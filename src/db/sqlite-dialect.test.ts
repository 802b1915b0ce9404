import SQLite from "better-sqlite3";
import { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { prepared } from "./prepared.js";
import { ImmediateSqliteDialect } from "./sqlite-dialect.js";

/*
 * SQLite plans a statement again at every run when a value it looks at while planning is bound
 * (a LIMIT, an OFFSET): so those are written into the SQL when they are whole numbers.
 */

interface Db {
  t: { n: number };
}

function open() {
  const raw = new SQLite(":memory:");
  raw.exec("create table t (n integer)");
  raw.exec("insert into t values (1), (2), (3), (4), (5)");
  return new Kysely<Db>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
}

describe("the SQLite dialect's limits", () => {
  it("writes a whole-number LIMIT and OFFSET into the SQL and binds the other values", async () => {
    const db = open();
    const query = db.selectFrom("t").select("n").where("n", ">", 1).orderBy("n").limit(2).offset(1);
    const compiled = query.compile();
    expect(compiled.sql).toBe('select "n" from "t" where "n" > ? order by "n" limit 2 offset 1');
    expect(compiled.parameters).toEqual([1]);
    expect(await query.execute()).toEqual([{ n: 3 }, { n: 4 }]);
    await db.destroy();
  });

  it("binds what is not a whole number, and a stand-in of a query built once", async () => {
    const db = open();
    expect(db.selectFrom("t").select("n").limit(BigInt(2)).compile().sql).toMatch(/limit \?$/);
    const page = prepared((d, v: { size: number }) =>
      (d as unknown as Kysely<Db>).selectFrom("t").select("n").orderBy("n").limit(v.size),
    );
    expect(await page(db as never, { size: 2 })).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await page(db as never, { size: 3 })).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await db.destroy();
  });
});

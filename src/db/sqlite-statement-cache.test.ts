import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cachingStatements } from "./sqlite-statement-cache.js";

describe("SQLite statement cache", () => {
  const open = (size?: number) => {
    const raw = new SQLite(":memory:");
    raw.exec("create table t (n integer)");
    raw.exec("insert into t values (1), (2), (3)");
    return cachingStatements(raw, size);
  };

  it("hands out the statement prepared before for the same SQL text", () => {
    const db = open();
    const first = db.prepare("select n from t where n = ?");
    expect(db.prepare("select n from t where n = ?")).toBe(first);
    expect(db.prepare("select n from t where n > ?")).not.toBe(first);
    db.close();
  });

  it("prepares a fresh statement while the cached one is still being read", () => {
    const db = open();
    const streaming = db.prepare("select n from t order by n");
    const rows = streaming.iterate();
    rows.next();
    const other = db.prepare("select n from t order by n");
    expect(other).not.toBe(streaming);
    expect(other.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    rows.return?.();
    expect(db.prepare("select n from t order by n")).toBe(streaming);
    db.close();
  });

  it("keeps at most its size, dropping the least recently used", () => {
    const db = open(2);
    const a = db.prepare("select 1");
    const b = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(a);
    db.prepare("select 3");
    expect(db.prepare("select 1")).toBe(a);
    expect(db.prepare("select 2")).not.toBe(b);
    db.close();
  });
});

import { describe, expect, it, vi } from "vitest";

/*
 * A statement's name is all PostgreSQL knows it by on a connection. Where connections are shared
 * by several Recto processes (a pooler such as PgBouncer in transaction mode hands each
 * transaction whichever server connection is free), a name one process gave to one text and
 * another to another text would run the other's query with this one's values. A name therefore
 * follows from the text alone, not from the order in which a process first met its texts.
 */

/** The module as a fresh process has it. */
async function freshProcess() {
  vi.resetModules();
  return import("./pg-named-statements.js");
}

describe("a named statement's name", () => {
  it("is the same for the same text in any process, and differs for another text", async () => {
    const first = await freshProcess();
    first.nameStatement("select 1 from users where id = $1");
    first.nameStatement("select 1 from items where id = $1");
    const second = await freshProcess();
    second.nameStatement("select 1 from items where id = $1");
    second.nameStatement("select 1 from users where id = $1");
    for (const text of ["select 1 from users where id = $1", "select 1 from items where id = $1"]) {
      expect(second.statementName(text)).toBe(first.statementName(text));
    }
    expect(first.statementName("select 1 from users where id = $1")).not.toBe(
      first.statementName("select 1 from items where id = $1"),
    );
    expect(first.statementName("select 2")).toBeUndefined();
  });
});

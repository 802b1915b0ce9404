import { describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { perDatabase } from "./per-database.js";

describe("perDatabase", () => {
  it("keeps one value per database, the same for its transactions, another for another database", async () => {
    const a = openDatabase({ dialect: "sqlite", file: ":memory:" });
    const b = openDatabase({ dialect: "sqlite", file: ":memory:" });
    try {
      let made = 0;
      const valueOf = perDatabase(() => ({ n: ++made }));
      const ofA = valueOf(a.db);
      expect(valueOf(a.db)).toBe(ofA);
      await a.db.transaction().execute(async (tx) => {
        expect(valueOf(tx)).toBe(ofA);
      });
      const ofB = valueOf(b.db);
      expect(ofB).not.toBe(ofA);
      expect([ofA.n, ofB.n, made]).toEqual([1, 2, 2]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

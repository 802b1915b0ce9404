import { describe, expect, it } from "vitest";
import { HeldRows } from "./held-rows.js";

type Row = { id: number; revision: number; text: string; at: string };

describe("rows held between reads", () => {
  it("fills a text left out from the holding the read was told of, and holds what it read", () => {
    const held = new HeldRows<Row>("text");
    const first = held.holding(1);
    expect(first.held).toBe(",");
    const rows = [
      { id: 7, revision: 2, text: "form", at: "a" },
      { id: 8, revision: 1, text: "other", at: "a" },
    ];
    expect(held.complete(1, first, rows)).toEqual(rows);

    const second = held.holding(1);
    expect(second.held).toBe(",7:2,8:1,");
    // Row 7 left out (held), row 8 changed: its new text comes with it; the other columns are the read's.
    const read = [
      { id: 7, revision: 2, text: null, at: "b" },
      { id: 8, revision: 2, text: "other, changed", at: "b" },
    ];
    expect(held.complete(1, second, read)).toEqual([
      { id: 7, revision: 2, text: "form", at: "b" },
      { id: 8, revision: 2, text: "other, changed", at: "b" },
    ]);
    // A read told of the older holding still completes from it, whatever was read since.
    expect(held.complete(1, second, [{ id: 8, revision: 1, text: null, at: "c" }])).toEqual([
      { id: 8, revision: 1, text: "other", at: "c" },
    ]);
    expect(held.holding(1).held).toBe(",8:1,");
  });

  it("refuses a text left out at a revision it was not told of", () => {
    const held = new HeldRows<Row>("text");
    const holding = held.holding(1);
    expect(() => held.complete(1, holding, [{ id: 7, revision: 1, text: null, at: "a" }])).toThrow(/row 7/);
    held.complete(1, holding, [{ id: 7, revision: 1, text: "form", at: "a" }]);
    const next = held.holding(1);
    expect(() => held.complete(1, next, [{ id: 7, revision: 2, text: null, at: "a" }])).toThrow(/row 7/);
  });

  it("keeps the institutions read last, up to its bound", () => {
    const held = new HeldRows<Row>("text", 2);
    for (const institution of [1, 2, 3]) {
      held.complete(institution, held.holding(institution), [{ id: institution, revision: 1, text: "t", at: "a" }]);
    }
    expect(held.holding(1).held).toBe(",");
    expect(held.holding(3).held).toBe(",3:1,");
  });
});

import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit.js";

describe("groupCommit", () => {
  /** A write that takes its time on its first call, and refuses any group holding "bad". */
  function scene() {
    const groups: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const write = groupCommit(async (items: string[]) => {
      groups.push(items);
      if (groups.length === 1) await first;
      if (items.includes("bad")) throw new Error("refused");
      return items.map((i) => `${i} written`);
    });
    return { groups, release, write };
  }

  it("carries the writes that arrive while one is under way in one write, each caller its own result", async () => {
    const { groups, release, write } = scene();
    const a = write("a");
    const rest = ["b", "c", "d"].map((i) => write(i));
    release();
    expect(await a).toBe("a written");
    expect(await Promise.all(rest)).toEqual(["b written", "c written", "d written"]);
    expect(groups).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("answers a failed group's items one by one: one item's failure is not its companions'", async () => {
    const { groups, release, write } = scene();
    const a = write("a");
    const [b, bad, d] = ["b", "bad", "d"].map((i) => write(i));
    release();
    await a;
    expect(await b).toBe("b written");
    await expect(bad).rejects.toThrow("refused");
    expect(await d).toBe("d written");
    expect(groups).toEqual([["a"], ["b", "bad", "d"], ["b"], ["bad"], ["d"]]);
  });
});

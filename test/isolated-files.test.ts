import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHANGES_SHARED_STATE, ISOLATED } from "./isolated-files.js";
import { testFilesUnder } from "./test-files.js";

const root = path.resolve(import.meta.dirname, "..");

const testFiles = (dir: string) => testFilesUnder(root, dir);

describe("the test files that keep modules of their own", () => {
  it("are every file that replaces or spies on modules or sets the environment, and only those", () => {
    const changing = [...testFiles("src"), ...testFiles("test")]
      .filter((f) => f !== "test/isolated-files.test.ts")
      .filter((f) => CHANGES_SHARED_STATE.test(fs.readFileSync(path.join(root, f), "utf8")))
      .sort();
    expect(changing).toEqual([...ISOLATED].sort());
  });

  it("notices each way of changing shared state", () => {
    for (const text of [
      'vi.mock("./x.js")',
      "vi.spyOn(console, 'log')",
      'vi.stubEnv("A", "b")',
      "vi.useFakeTimers()",
      'process.env.SECRET = "x"',
      "delete process.env.SECRET",
    ]) {
      expect([text, CHANGES_SHARED_STATE.test(text)]).toEqual([text, true]);
    }
    expect(CHANGES_SHARED_STATE.test('if (process.env.SECRET === "x") vi.fn()')).toBe(false);
  });
});

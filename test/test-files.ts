import fs from "node:fs";
import path from "node:path";

/** The test files under `dir` (relative to root), as paths from root with forward slashes. */
export function testFilesUnder(root: string, dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => path.join(dir, f).split(path.sep).join("/"));
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseFreeTestFiles, dependsOnTheDatabase } from "./database-free-files.js";

// Files that never reach the run's database run in the SQLite projects only (vitest.config.ts).
const tree = fs.mkdtempSync(path.join(os.tmpdir(), "recto-db-free-"));
afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));
function write(relative: string, text: string) {
  const full = path.join(tree, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}
write("test/harness.ts", 'export const testDialect = () => process.env.RECTO_TEST_DB ?? "sqlite";');
write("test/kit.ts", 'import { testDialect } from "./harness.js";\nexport const kit = testDialect;');
write("test/injects.ts", 'import { inject } from "vitest";\nexport const url = () => inject("pgUrls");');
write("src/pure.ts", "export const add = (a: number, b: number) => a + b;");
write("src/pure.test.ts", 'import { add } from "./pure.js";\nadd(1, 2);');
write("src/deep.test.ts", 'import { x } from "./a.js";');
write("src/a.ts", 'export { y as x } from "./b.js";');
write("src/b.ts", 'import "../test/kit.js";\nexport const y = 1;');
write("src/cycle-1.ts", 'import { two } from "./cycle-2.js";\nexport const one = two;');
write(
  "src/cycle-2.ts",
  'import { one } from "./cycle-1.js";\nimport { url } from "../test/injects.js";\nexport const two = [one, url];',
);
write("src/cycle.test.ts", 'import { two } from "./cycle-2.js";\nimport { one } from "./cycle-1.js";');
write("src/dynamic.test.ts", 'const m = await import("../test/kit.js");');
write("src/unknown.test.ts", "const name = './pure.js';\nawait import(name);");
// written in two parts, so that this file does not read as one that replaces modules (isolated-files.ts)
write("src/mocked.test.ts", ["vi", 'mock("../test/kit.js", () => ({}));'].join("."));
write("src/index-dir/index.ts", 'export * from "../../test/kit.js";');
write("src/by-folder.test.ts", 'import "./index-dir";');
write("test/browser/page.test.ts", "export {};");
write("src/only-there.pg.test.ts", "export {};");

describe("which test files run on one database only", () => {
  it("keeps a file that reaches the database's choice however it does: directly, deep, through a cycle, dynamically, by a mock or a folder", () => {
    const depends = (f: string) => dependsOnTheDatabase(path.join(tree, f));
    expect(depends("test/harness.ts")).toBe(true);
    expect(depends("test/injects.ts")).toBe(true);
    expect(depends("src/deep.test.ts")).toBe(true);
    expect(depends("src/cycle.test.ts")).toBe(true);
    expect(depends("src/dynamic.test.ts")).toBe(true);
    expect(depends("src/mocked.test.ts")).toBe(true);
    expect(depends("src/by-folder.test.ts")).toBe(true);
    // an import whose path is not written out may load anything
    expect(depends("src/unknown.test.ts")).toBe(true);
    expect(depends("src/pure.test.ts")).toBe(false);
  });

  it("lists the test files free of it, leaving aside the browser tests (SQLite only already) and the PostgreSQL-only ones", () => {
    expect(databaseFreeTestFiles(tree)).toEqual(["src/pure.test.ts"]);
  });

  it("in this checkout: pure logic is free of it, files built on the harness are not", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const free = databaseFreeTestFiles(root);
    expect(free).toContain("src/requests/state-machine.test.ts");
    expect(free).toContain("src/rules/engine/engine.test.ts");
    expect(free).not.toContain("src/rules/service-terms/service-terms.test.ts");
    expect(free).not.toContain("test/request-walk.test.ts");
    expect(free).not.toContain("test/authorization-matrix.test.ts");
  });
});

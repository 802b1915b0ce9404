import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUILD_STAMP, chooseEntry, isBuilt } from "../bin/entry-point.mjs";

// bin/recto.mjs runs dist/ when a build is current, else the sources (through tsx).
let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, seconds));
function file(relative: string, time: Date) {
  const full = path.join(root, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, "x");
  fs.utimesSync(full, time, time);
}
/** a checkout whose sources were last written at second 0 */
function checkout() {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "recto-entry-"));
  file("src/cli/main.ts", at(0));
  file("src/letters/render-worker.mjs", at(0));
  file("src/letters/letters.ts", at(0));
}

describe("which code recto runs", () => {
  it("runs the sources when dist/ was never built", () => {
    checkout();
    expect(chooseEntry(root, {})).toEqual({ from: "source", why: "dist/ is not built" });
    file("dist/cli/main.js", at(5)); // compiled files, but a build that did not finish
    expect(chooseEntry(root, {})).toEqual({ from: "source", why: "dist/ is not built" });
  });

  it("runs dist/ when it was built after the last change to src/", () => {
    checkout();
    file(BUILD_STAMP, at(10));
    expect(chooseEntry(root, {})).toEqual({ from: "dist" });
    // a test file is not built: changing one leaves dist/ current
    file("src/letters/letters.test.ts", at(20));
    expect(chooseEntry(root, {})).toEqual({ from: "dist" });
  });

  it("leaves dist/ current when a file the build leaves out changes: a test, its data, a from-source starter", () => {
    for (const changed of [
      "src/letters/letters.test.ts",
      "src/db/migrations/upgrade-seeds.fixture.json",
      "src/catalogue/marc/import-read-worker-source.mjs",
    ]) {
      checkout();
      file(BUILD_STAMP, at(10));
      file(changed, at(11));
      expect([changed, chooseEntry(root, {})]).toEqual([changed, { from: "dist" }]);
      fs.rmSync(root, { recursive: true, force: true });
    }
    checkout();
  });

  it("runs the sources when any built file under src/ changed after the build, however deep", () => {
    for (const changed of ["src/letters/letters.ts", "src/letters/render-worker.mjs", "src/catalogue/marc/new.ts"]) {
      checkout();
      file(BUILD_STAMP, at(10));
      file(changed, at(11));
      expect(chooseEntry(root, {})).toEqual({ from: "source", why: "src/ changed after the last build" });
      fs.rmSync(root, { recursive: true, force: true });
    }
    checkout();
  });

  it("runs the sources when asked with RECTO_FROM_SOURCE=1, and only with 1", () => {
    checkout();
    file(BUILD_STAMP, at(10));
    expect(chooseEntry(root, { RECTO_FROM_SOURCE: "1" })).toEqual({ from: "source", why: null });
    expect(chooseEntry(root, { RECTO_FROM_SOURCE: "0" })).toEqual({ from: "dist" });
  });

  it("runs dist/ in a copy that has no src/", () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "recto-entry-"));
    file(BUILD_STAMP, at(10));
    expect(chooseEntry(root, {})).toEqual({ from: "dist" });
  });
});

describe("what a build copies besides the compiled TypeScript", () => {
  const src = path.resolve(import.meta.dirname, "..", "src");
  const all = fs.readdirSync(src, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const relative = (e: fs.Dirent) => path.relative(src, path.join(e.parentPath, e.name)).replaceAll("\\", "/");

  it("tells what runs from what only tests or the sources use", () => {
    expect(["render-worker.mjs", "import-read-worker.ts", "a.pg.test.ts", "b.test.mjs"].map(isBuilt)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(["upgrade-seeds.fixture.json", "import-read-worker-source.mjs"].map(isBuilt)).toEqual([false, false]);
  });

  it("is only files the compiled code loads (a worker thread's script, by new URL)", () => {
    const copied = all.filter((e) => !e.name.endsWith(".ts") && isBuilt(e.name)).map(relative);
    expect(copied.length).toBeGreaterThan(0);
    const code = all
      .filter((e) => e.name.endsWith(".ts") && isBuilt(e.name))
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), "utf8"))
      .join("\n");
    const loaded = copied.filter((file) => code.includes(`new URL("./${path.basename(file)}", import.meta.url)`));
    expect(loaded).toEqual(copied);
  });
});

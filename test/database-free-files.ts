import fs from "node:fs";
import path from "node:path";
import { testFilesUnder } from "./test-files.js";

/*
 * The suite runs once per database, but a test file that never reaches the run's database (the
 * rules engine, the MARC parsers, the state machine, the password hashing) does exactly the same
 * in both runs: it runs in the SQLite projects only (vitest.config.ts). Which database a file
 * gets is decided in one place, test/harness.ts (it reads RECTO_TEST_DB and the run's scratch
 * databases through vitest's inject), so a file depends on the database when what it imports,
 * however indirectly, includes a file that reads those. A dynamic import whose path is not
 * written out counts as depending on it: nothing can be told about what it loads.
 */

/** What marks a file as reading which database the run is for. */
const CHOOSES_THE_DATABASE = /RECTO_TEST_DB|\binject\(/;

const IMPORTED =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bvi\.(?:mock|doMock|importActual)\(\s*)["'](\.{1,2}\/[^"']+)["']/g;
const UNKNOWN_IMPORT = /\bimport\s*\(\s*[^"'\s)]/;

/** The file a relative import names: the .ts source for a .js name, as TypeScript resolves it. */
function resolveImport(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, path.join(base, "index.ts")];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

interface Read {
  chooses: boolean;
  imports: string[];
}

function readFile(file: string): Read {
  const text = fs.readFileSync(file, "utf8");
  const imports = [...text.matchAll(IMPORTED)].map((m) => resolveImport(file, m[1]!)).filter((f) => f !== null);
  return { chooses: CHOOSES_THE_DATABASE.test(text) || UNKNOWN_IMPORT.test(text), imports };
}

/** Whether `file` (an absolute path) or anything it imports, however indirectly, chooses the run's database. */
export function dependsOnTheDatabase(file: string, cache = new Map<string, Read>()): boolean {
  const seen = new Set([file]);
  for (const next of seen) {
    let read = cache.get(next);
    if (!read) cache.set(next, (read = readFile(next)));
    if (read.chooses) return true;
    for (const imported of read.imports) seen.add(imported);
  }
  return false;
}

/** The test files under `dirs` (relative to root, with forward slashes) that never reach the run's database. */
export function databaseFreeTestFiles(root: string, dirs = ["src", "test"]): string[] {
  const cache = new Map<string, Read>();
  return (
    dirs
      .flatMap((dir) => testFilesUnder(root, dir))
      // the browser tests run on SQLite only already; a *.pg.test.ts runs on PostgreSQL only by its name
      .filter((f) => !f.startsWith("test/browser/") && !f.endsWith(".pg.test.ts"))
      .filter((f) => !dependsOnTheDatabase(path.join(root, f), cache))
      .sort()
  );
}

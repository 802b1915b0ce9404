// Which code `recto` runs: the compiled dist/, or the TypeScript sources in src/ (see recto.mjs).
import fs from "node:fs";
import path from "node:path";

/** Written by `npm run build` (scripts/build.mjs) when a build succeeds; its time is when that build began. */
export const BUILD_STAMP = path.join("dist", ".built");

/**
 * Files under src/ that a build compiles or copies: what runs. Not built: tests and their data
 * (`*.test.ts`, `*.fixture.json`), and a `*-source.mjs`, the script that starts a worker thread
 * from the TypeScript sources (it loads tsx first), whose place the compiled .js takes in dist/.
 */
export const isBuilt = (name) => !/\.(test|fixture)\.[a-z]+$/.test(name) && !name.endsWith("-source.mjs");

/** The newest modification time (ms) of the built files under dir; 0 when there are none. */
export function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !isBuilt(entry.name)) continue;
    const mtime = fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/**
 * { from: "dist" } when dist/ was built after the last change to src/; else { from: "source", why },
 * why being null when asked for (RECTO_FROM_SOURCE=1) and a sentence when dist/ is missing or stale.
 * A checkout without src/ (dist/ only) always runs dist/.
 */
export function chooseEntry(root, env) {
  if (env.RECTO_FROM_SOURCE === "1") return { from: "source", why: null };
  let built;
  try {
    built = fs.statSync(path.join(root, BUILD_STAMP)).mtimeMs;
  } catch {
    return { from: "source", why: "dist/ is not built" };
  }
  const src = path.join(root, "src");
  if (!fs.existsSync(src)) return { from: "dist" };
  if (newestSource(src) > built) return { from: "source", why: "src/ changed after the last build" };
  return { from: "dist" };
}

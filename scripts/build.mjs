// `npm run build`: compiles src/ into dist/ with tsc (tsconfig.build.json), copies the files the
// runtime needs that are not TypeScript (the letter-rendering thread letters/render-worker.mjs:
// whatever src/ holds besides .ts that isBuilt keeps, so not tests, their fixtures, nor a
// *-source.mjs that starts a thread from the sources), then stamps dist/ with the time the build
// began, which bin/recto.mjs compares with src/ to tell a current dist/ from a stale one.
// npm runs it at `npm ci` / `npm install` through the `prepare` script.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_STAMP, isBuilt } from "../bin/entry-point.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const dist = path.join(root, "dist");
const began = new Date();

// A clean build: no file of a module since removed or renamed lingers in dist/.
fs.rmSync(dist, { recursive: true, force: true });
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  console.error(
    "build: TypeScript is not installed (a development dependency). Build with the development " +
      'dependencies installed ("npm ci"), then drop them if you like ("npm prune --omit=dev").',
  );
  process.exit(1);
}
const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (compiled.status !== 0) {
  console.error(`build: tsc failed (exit ${compiled.status ?? compiled.signal}); dist/ is incomplete.`);
  process.exit(1);
}

let copied = 0;
for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith(".ts") || !isBuilt(entry.name)) continue;
  const from = path.join(entry.parentPath ?? entry.path, entry.name);
  const to = path.join(dist, path.relative(src, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  copied += 1;
}

const stamp = path.join(root, BUILD_STAMP);
fs.writeFileSync(stamp, `${began.toISOString()}\n`);
fs.utimesSync(stamp, began, began);
console.log(`build: dist/ compiled from src/ (${copied} other file(s) copied)`);

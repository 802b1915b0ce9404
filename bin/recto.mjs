#!/usr/bin/env node
/*
 * The `recto` command. It runs the JavaScript compiled into dist/ by `npm run build` (which
 * `npm ci` and `npm install` run through npm's `prepare` step), so a start compiles nothing.
 *
 * Running from source, for development: `npm run dev` (the server with the demo), or
 * `RECTO_FROM_SOURCE=1 node bin/recto.mjs <command>`: src/ runs through tsx, no build needed.
 * When dist/ is missing, or a file in src/ changed after the last build, `recto` runs from source
 * too and says so on stderr: an edit takes effect at the next start instead of being silently
 * ignored by a stale dist/, and the start does not wait for a whole compile. `npm run build`
 * brings back the compiled start.
 */
import module from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chooseEntry } from "./entry-point.mjs";
import { restartWithSmallYoungGeneration } from "./young-generation.mjs";

// `serve` and `worker` run with a small young generation: on Node 22.15 and later this starts the
// process again, in place, with that size on node's command line (see young-generation.mjs).
restartWithSmallYoungGeneration();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = chooseEntry(root, process.env);
if (entry.from === "dist") {
  // Node 22.1 and later keep V8's compiled code of the modules in a cache, so every start after
  // the first compiles less (Node 20 has none). It lives inside dist/, owned like the code it
  // caches (not in a temporary folder other users can write to), and goes with every build.
  module.enableCompileCache?.(path.join(root, "dist", ".compile-cache"));
  await import("../dist/cli/main.js");
} else {
  if (entry.why) console.error(`recto: running from source, as ${entry.why} ("npm run build" for a faster start)`);
  let tsx;
  try {
    tsx = await import("tsx/esm/api");
  } catch {
    console.error(`recto: cannot run from source without tsx (a development dependency): run "npm run build".`);
    process.exit(1);
  }
  tsx.register();
  await import("../src/cli/main.ts");
}

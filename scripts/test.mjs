// The whole check: the web pages built (API types generated first), typecheck of the server and
// of the pages, lint, format, then the suite on SQLite and (when reachable) PostgreSQL; the
// browser tests (test/browser) drive the built pages in Chromium.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const results = path.join(os.tmpdir(), `recto-vitest-${process.pid}.json`);
// The pages are built first: the page typecheck reads the API types that build generates, and the
// browser tests serve the built pages. CI sets RECTO_TEST_WEB_BUILT=1 when `npm ci` (its prepare
// script) has just built them from this same checkout.
const build = process.env.RECTO_TEST_WEB_BUILT === "1" ? [] : [["build web", "npm", ["run", "build:web"]]];
// The static checks do not depend on each other: they run side by side, each one's output held
// and printed whole when it ends, so that the log reads as if they had run one after the other.
const checks = [
  // One program for the server, the tests and the benches, the browser tests' page scripts
  // included (the DOM's types were in it already: @xmldom/xmldom's types reference them). A second
  // program for the browser tests alone checked all of the server's sources again.
  ["typecheck", "npx", ["tsc", "-p", "tsconfig.json"]],
  ["typecheck web", "npx", ["tsc", "-p", "web/tsconfig.json"]],
  ["lint", "npx", ["eslint", "."]],
  ["format", "npx", ["prettier", "--check", "."]],
];
const tests = [
  "tests",
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${results}`, ...process.argv.slice(2)],
];

let status = 0;
for (const step of build) if (status === 0) run(step);
if (status === 0) await runSideBySide(checks, Math.max(2, os.availableParallelism()));
if (status === 0) run(tests);

function run([name, cmd, args]) {
  console.log(`\n== ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) failed(name, r.status, r.signal);
}

function failed(name, code, signal) {
  console.error(`\n${name} failed (exit ${code ?? signal}).`);
  if (status === 0) status = code ?? 1;
}

/** Runs the steps, `width` at a time; each step's output is printed in one piece when it ends. */
async function runSideBySide(steps, width) {
  const queue = [...steps];
  const one = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      const [name, cmd, args] = step;
      const started = Date.now();
      const { code, signal, output } = await new Promise((resolve) => {
        const chunks = [];
        const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
        child.stdout.on("data", (c) => chunks.push(c));
        child.stderr.on("data", (c) => chunks.push(c));
        child.on("error", (e) => chunks.push(Buffer.from(`${e.message}\n`)));
        child.on("close", (c, s) => resolve({ code: c, signal: s, output: Buffer.concat(chunks) }));
      });
      console.log(`\n== ${name}: ${cmd} ${args.join(" ")} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      process.stdout.write(output);
      if (code !== 0) failed(name, code, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, steps.length) }, one));
}

// One plain closing line, whatever the runner printed above it.
if (fs.existsSync(results)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, testResults } = JSON.parse(
    fs.readFileSync(results, "utf8"),
  );
  fs.rmSync(results, { force: true });
  if (status !== 0) explain(testResults, numFailedTests);
  console.log(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`);
}

/**
 * A run can fail with no test failed: a file that did not load, a worker that died, an error
 * outside any test. Those scroll by far above; name them again at the end, where a log's tail
 * (all a CI summary shows) has them.
 */
function explain(files, failedTests) {
  const broken = files.filter((f) => f.status !== "passed");
  console.error(`\n== vitest exited ${status}: ${failedTests} test(s) failed, ${broken.length} file(s) not passed`);
  for (const f of broken) {
    const message = (f.message ?? "").split("\n").slice(0, 6).join("\n    ");
    console.error(`  ${path.relative(process.cwd(), f.name)} [${f.status}]${message ? `\n    ${message}` : ""}`);
  }
  if (broken.length === 0)
    console.error("  no file failed: look above for 'Unhandled' errors (an error outside any test).");
}
process.exit(status);

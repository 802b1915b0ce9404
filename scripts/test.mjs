// The whole check: the web pages built (API types generated first), typecheck of the server and
// of the pages, lint, format, then the suite on SQLite and (when reachable) PostgreSQL; the
// browser tests (test/browser) drive the built pages in Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const results = path.join(os.tmpdir(), `recto-vitest-${process.pid}.json`);
const steps = [
  ["build web", "npm", ["run", "build:web"]],
  ["typecheck", "npx", ["tsc", "-p", "tsconfig.json"]],
  ["typecheck web", "npx", ["tsc", "-p", "web/tsconfig.json"]],
  ["typecheck browser tests", "npx", ["tsc", "-p", "test/browser/tsconfig.json"]],
  ["lint", "npx", ["eslint", "."]],
  ["format", "npx", ["prettier", "--check", "."]],
  [
    "tests",
    "npx",
    [
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${results}`,
      ...process.argv.slice(2),
    ],
  ],
];

let status = 0;
for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    status = r.status ?? 1;
    break;
  }
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

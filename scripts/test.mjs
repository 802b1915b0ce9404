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
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    fs.readFileSync(results, "utf8"),
  );
  fs.rmSync(results, { force: true });
  console.log(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`);
}
process.exit(status);

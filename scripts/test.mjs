// The whole check: typecheck, lint, format, then the suite on SQLite and (when reachable) PostgreSQL.
import { spawnSync } from "node:child_process";

const steps = [
  ["typecheck", "npx", ["tsc", "-p", "tsconfig.json"]],
  ["lint", "npx", ["eslint", "."]],
  ["format", "npx", ["prettier", "--check", "."]],
  ["tests", "npx", ["vitest", "run", ...process.argv.slice(2)]],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadSettings, Scenario, ScenarioRun } from "./scenario.js";
import { formatFigures, formatTable, summarise, summariseFigures, type Summary } from "./summary.js";

/*
 * `npm run bench`: runs every scenario RUNS times and reports the median of each figure (the
 * machine is small and noisy). BENCH_RUNS, BENCH_CONNECTIONS, BENCH_WARMUP_S and BENCH_DURATION_S
 * override the defaults for a quick look; published figures use the defaults. It ends with ONE
 * table of the headline figures (scenario.ts says how a scenario fills it), each beside its
 * reference measured in the same run, the ratio and the goal; bench/results/figures.md keeps it.
 */

// One line per scenario file.
const scenarios: Scenario[] = [
  (await import("./request-placement.js")).scenario,
  (await import("./placement-floor.js")).scenario,
  (await import("./catalogue-search.js")).scenario,
  (await import("./catalogue-search-pg.js")).scenario,
  (await import("./request-list.js")).scenario,
  (await import("./queue-page.js")).scenario,
  (await import("./link-download.js")).scenario,
  (await import("./rule-evaluation.js")).scenario,
  (await import("./marc-import.js")).scenario,
  (await import("./import-floor.js")).scenario,
  (await import("./outbox-drain.js")).scenario,
  (await import("./user-import.js")).scenario,
  (await import("./startup.js")).scenario,
  (await import("./memory-load.js")).scenario,
  (await import("./title-page.js")).scenario,
  (await import("./queue-render.js")).scenario,
];

// BENCH_ONLY=<name> runs one scenario, e.g. while working on it.
const only = process.env.BENCH_ONLY;
const selected = only ? scenarios.filter((s) => s.name === only) : scenarios;
if (selected.length === 0)
  throw new Error(`BENCH_ONLY=${only} names no scenario; there are ${scenarios.map((s) => s.name).join(", ")}`);

const positive = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, got ${raw}`);
  return value;
};

const runs = positive("BENCH_RUNS", 3);
const settings: LoadSettings = {
  connections: positive("BENCH_CONNECTIONS", 16),
  warmupSeconds: positive("BENCH_WARMUP_S", 2),
  durationSeconds: positive("BENCH_DURATION_S", 10),
};

interface ScenarioReport {
  name: string;
  description: string;
  summary: Summary | null;
  runs: ScenarioRun[];
  error: string | null;
  /** why it did not run on this machine; a skipped scenario does not make the results invalid */
  skipped: string | null;
}

const reports: ScenarioReport[] = [];
console.log(
  `${selected.length} scenario(s), ${runs} runs each, ${settings.connections} connections, ` +
    `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured per row\n`,
);
for (const scenario of selected) {
  const skipped = (await scenario.unavailable?.()) ?? null;
  if (skipped !== null) {
    console.log(`${scenario.name}: skipped, ${skipped}\n`);
    reports.push({
      name: scenario.name,
      description: scenario.description,
      summary: null,
      runs: [],
      error: null,
      skipped,
    });
    continue;
  }
  const done: ScenarioRun[] = [];
  let error: string | null = null;
  try {
    for (let i = 1; i <= runs; i++) {
      process.stdout.write(`${scenario.name}: run ${i}/${runs}...\n`);
      const run = await scenario.run(settings);
      done.push(run);
      // Figures from a run with bad answers are not worth repeating.
      if (!summarise([run]).clean) break;
    }
  } catch (err) {
    error = err instanceof Error ? (err.stack ?? err.message) : String(err);
  }
  const summary = done.length ? summarise(done) : null;
  reports.push({ name: scenario.name, description: scenario.description, summary, runs: done, error, skipped: null });
  console.log();
  if (summary) console.log(formatTable(`${scenario.name}: ${scenario.description}`, summary, done.length));
  if (error) console.error(`${scenario.name} failed: ${error}`);
  if (summary && !summary.clean) console.error(`${scenario.name}: some answers were not the expected status.`);
  console.log();
}

const figures = summariseFigures(reports.flatMap((r) => r.runs));
const figureTable = formatFigures(figures);
console.log(`Figures (median of up to ${runs} runs, ${settings.connections} connections):\n${figureTable}\n`);

const valid = reports.every((r) => r.skipped !== null || (r.error === null && r.summary?.clean === true));
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, "latest.json");
fs.writeFileSync(
  file,
  `${JSON.stringify(
    {
      generated_at: new Date().toISOString(),
      valid,
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? null,
        node: process.version,
        platform: os.platform(),
      },
      settings: { ...settings, runs },
      figures,
      scenarios: reports,
    },
    null,
    2,
  )}\n`,
);
fs.writeFileSync(path.join(resultsDir, "figures.md"), `${figureTable}\n`);
console.log(`results written to ${path.relative(process.cwd(), file)} and figures.md beside it`);
if (!valid) process.exitCode = 1;

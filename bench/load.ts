import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Result } from "autocannon";
import type { LoadJob, LoadOutcome } from "./load-worker.js";
import type { LoadSettings, Measurement } from "./scenario.js";

export interface Target {
  label: string;
  method: "POST" | "GET";
  path: string;
  expectStatus: number;
  /** Builds the n-th request's extra headers and body; consecutive n should differ (caller, record). */
  request(n: number): { headers: Record<string, string>; body?: string; path?: string };
  /**
   * How many distinct requests request(n) is asked for (n = 0 .. cycle-1); the load process
   * then repeats them in order. Make it a multiple of every modulus request(n) uses.
   */
  cycle?: number;
}

const DEFAULT_CYCLE = 6000;
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), "load-worker.ts");
const run = promisify(execFile);

const countsOf = (r: Result): [string, number][] =>
  Object.entries(r.statusCodeStats ?? {}).map(([status, { count }]) => [status, Number(count)]);

/**
 * Drives one target with autocannon at a fixed concurrency, from a separate process
 * (load-worker.ts), so that the load generator does not share this process's event loop (where
 * the server under test usually runs): a warm-up, then the measured window. Every answer of
 * both phases is checked against the expected status, so a run that measured errors says so
 * instead of reporting their (fast) latency as throughput.
 */
export async function drive(baseUrl: string, settings: LoadSettings, target: Target): Promise<Measurement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-load-"));
  try {
    const job: LoadJob = {
      url: baseUrl,
      connections: settings.connections,
      warmupSeconds: settings.warmupSeconds,
      durationSeconds: settings.durationSeconds,
      method: target.method,
      path: target.path,
      expectStatus: target.expectStatus,
      pool: Array.from({ length: target.cycle ?? DEFAULT_CYCLE }, (_, n) => target.request(n)),
      resultFile: path.join(dir, "result.json"),
    };
    const jobFile = path.join(dir, "job.json");
    fs.writeFileSync(jobFile, JSON.stringify(job));
    // The server under test answers from this process's event loop: waiting on the child
    // asynchronously keeps it free to do so.
    await run(process.execPath, ["--import", "tsx", worker, jobFile], { maxBuffer: 1 << 20 });
    const { warm, main, sample } = JSON.parse(fs.readFileSync(job.resultFile, "utf8")) as LoadOutcome;
    const expected = String(target.expectStatus);
    const unexpected: Record<string, number> = {};
    let accepted = 0;
    for (const [status, count] of [...countsOf(warm), ...countsOf(main)]) {
      if (status === expected) accepted += count;
      else unexpected[status] = (unexpected[status] ?? 0) + count;
    }
    return {
      label: target.label,
      rps: main.requests.average,
      p50: main.latency.p50,
      p99: main.latency.p99,
      answers: countsOf(main).reduce((sum, [, count]) => sum + count, 0),
      accepted,
      unexpected,
      errors: warm.errors + main.errors,
      sample,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chooseEntry } from "../bin/entry-point.mjs";
import { FIGURES, type Measurement, type Scenario } from "./scenario.js";
import { median } from "./summary.js";

/*
 * Start-up time of the `recto` command as a user runs it, each a fresh OS process: `recto serve`
 * on an existing, migrated SQLite database, from the spawn to the first 200 from /health, and
 * `recto --help` until it exits, and the resident memory (RSS) of each compiled serve at its first
 * /health and after RSS_SETTLE_MS more of idling (goal < 150 MB). STARTS starts of each per run; p50 is their median in ms and
 * p99 the slowest; req/s is starts per second (1000 / p50). The rows run from the compiled
 * dist/ (what `npm start` runs after `npm ci`) and, for comparison, from source through tsx
 * (RECTO_FROM_SOURCE=1, what every start did before dist/). The goals are printed beside them.
 */

const STARTS = 5;
const GOAL_SERVE_MS = 1500;
const GOAL_HELP_MS = 500;
const HEALTH_WAIT_MS = 60_000;
const GOAL_IDLE_RSS_MB = 150;
const RSS_SETTLE_MS = 5_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const recto = path.join(root, "bin", "recto.mjs");

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `recto args` to its end; its time in ms, or why it failed. */
function timeCommand(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; problem: string | null }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [recto, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const ms = performance.now() - started;
      resolve({
        ms,
        problem: code === 0 && out.startsWith("Usage: recto") ? null : `exit ${code}: ${out.slice(0, 300)}`,
      });
    });
  });
}

/** A process's resident set in MB, from /proc where there is one, else from ps. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // no /proc (macOS): ask ps
  }
  return (
    Number(
      execFileSync("ps", ["-o", "rss=", "-p", String(pid)])
        .toString()
        .trim(),
    ) / 1024
  );
}

/** Resident memory of every serve start, in MB, read once /health answered and again after RSS_SETTLE_MS. */
interface Memory {
  atHealth: number[];
  settled: number[];
}

/**
 * `recto serve` in its own process on a free port, once /health answers 200 (asked every 5 ms).
 * Throws, having stopped it, when it exits first or does not answer within `waitMs`.
 */
export async function startServe(env: NodeJS.ProcessEnv, waitMs = HEALTH_WAIT_MS) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [recto, "serve"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const stop = async () => {
    child.kill("SIGTERM");
    await gone;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`exited before answering: ${stderr.slice(0, 300)}`);
    if (performance.now() - started > waitMs) {
      await stop();
      throw new Error(`no 200 from /health within ${waitMs} ms`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      await res.arrayBuffer();
      if (res.status === 200) return { pid: child.pid!, baseUrl, stop };
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
}

/**
 * Times `recto serve` to the first 200 from /health; with `memory`, also notes its resident set
 * then and once it has settled (the in-process worker has run its first jobs). Stops it before
 * resolving.
 */
async function timeServe(env: NodeJS.ProcessEnv, memory?: Memory): Promise<{ ms: number; problem: string | null }> {
  const started = performance.now();
  let server: Awaited<ReturnType<typeof startServe>>;
  try {
    server = await startServe(env);
  } catch (err) {
    return { ms: performance.now() - started, problem: err instanceof Error ? err.message : String(err) };
  }
  const ms = performance.now() - started;
  if (memory) {
    memory.atHealth.push(rssMb(server.pid));
    await sleep(RSS_SETTLE_MS);
    memory.settled.push(rssMb(server.pid));
  }
  await server.stop();
  return { ms, problem: null };
}

async function measure(
  label: string,
  once: () => Promise<{ ms: number; problem: string | null }>,
): Promise<Measurement> {
  const times: number[] = [];
  let bad = 0;
  let sample: string | null = null;
  for (let i = 0; i < STARTS; i++) {
    const r = await once();
    if (r.problem === null) times.push(r.ms);
    else {
      bad += 1;
      sample ??= r.problem;
    }
  }
  const p50 = times.length ? median(times) : 0;
  return {
    label,
    rps: p50 ? 1000 / p50 : 0,
    p50,
    p99: times.length ? Math.max(...times) : 0,
    answers: times.length,
    accepted: times.length,
    unexpected: bad ? { "failed start": bad } : {},
    errors: 0,
    sample,
  };
}

export const scenario: Scenario = {
  name: "startup",
  description:
    `recto serve to the first 200 from /health (goal < ${GOAL_SERVE_MS} ms) and recto --help (goal < ${GOAL_HELP_MS} ms), ` +
    `fresh processes on a migrated SQLite database: p50 = median ms of ${STARTS} starts, p99 = slowest, req/s = starts per second`,
  unavailable() {
    const entry = chooseEntry(root, {});
    return Promise.resolve(
      entry.from === "dist" ? null : `${entry.why ?? "dist/ is not used"}: run "npm run build" first`,
    );
  },
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-startup-"));
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      DATABASE_URL: path.join(dir, "recto.db"),
      FILES_DIR: path.join(dir, "files"),
    };
    try {
      const migrated = await new Promise<number | null>((resolve) =>
        spawn(process.execPath, [recto, "migrate"], { env: base, stdio: "ignore" }).once("exit", resolve),
      );
      if (migrated !== 0) throw new Error(`recto migrate exited ${migrated}`);
      const source = { ...base, RECTO_FROM_SOURCE: "1" };
      const memory: Memory = { atHealth: [], settled: [] };
      const serveDist = await measure(`serve → /health, compiled dist/ (goal ${GOAL_SERVE_MS} ms)`, () =>
        timeServe(base, memory),
      );
      const helpDist = await measure(`--help, compiled dist/ (goal ${GOAL_HELP_MS} ms)`, () =>
        timeCommand(["--help"], base),
      );
      const serveSource = await measure("serve → /health, source through tsx", () => timeServe(source));
      const helpSource = await measure("--help, source through tsx", () => timeCommand(["--help"], source));
      return {
        measurements: [serveDist, helpDist, serveSource, helpSource],
        ratios: {
          [`serve p50 / goal ${GOAL_SERVE_MS} ms (below 1 meets it)`]: serveDist.p50 / GOAL_SERVE_MS,
          [`--help p50 / goal ${GOAL_HELP_MS} ms (below 1 meets it)`]: helpDist.p50 / GOAL_HELP_MS,
          "serve p50, dist over source": serveDist.p50 / serveSource.p50,
          "serve RSS MB at the first /health, dist/ (median)": median(memory.atHealth),
          [`serve RSS MB ${RSS_SETTLE_MS / 1000} s later, idle, dist/ (median)`]: median(memory.settled),
          [`idle RSS / goal ${GOAL_IDLE_RSS_MB} MB (below 1 meets it)`]: median(memory.settled) / GOAL_IDLE_RSS_MB,
          "--help p50, dist over source": helpDist.p50 / helpSource.p50,
        },
        figures: [
          {
            figure: FIGURES.memoryIdle,
            database: null,
            value: median(memory.settled),
            unit: "MB",
            goal: { atMost: GOAL_IDLE_RSS_MB },
          },
        ],
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

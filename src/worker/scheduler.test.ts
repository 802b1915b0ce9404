import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { runJobsOnce, startWorker, type Job } from "./scheduler.js";

/** A context whose log lines are kept, so tests can see what the worker reported. */
function workerContext() {
  const lines: { level: number; msg: string; job?: string; err?: { message: string } }[] = [];
  const log = pino({ level: "debug" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  const clock = new ManualClock(new Date("2026-03-02T09:00:00.000Z"));
  return { ctx: { clock, log }, lines, clock };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("startWorker", () => {
  it("runs each job at once and then periodically, with the clock's time", async () => {
    const { ctx, clock } = workerContext();
    const seen: { a: string[]; b: number } = { a: [], b: 0 };
    const worker = startWorker(ctx, [
      { name: "a", intervalMs: 5, run: async (now) => seen.a.push(now.toISOString()) },
      { name: "b", intervalMs: 5, run: async () => seen.b++ },
    ]);
    await vi.waitFor(() => expect(seen.a.length).toBeGreaterThanOrEqual(1));
    expect(seen.a[0]).toBe("2026-03-02T09:00:00.000Z");
    clock.set("2026-03-03T00:00:00.000Z");
    await vi.waitFor(() => expect(seen.a).toContain("2026-03-03T00:00:00.000Z"));
    await vi.waitFor(() => expect(seen.b).toBeGreaterThanOrEqual(3));
    await worker.stop();
  });

  it("never overlaps two runs of the same job, even when a run outlasts the interval", async () => {
    const { ctx } = workerContext();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const worker = startWorker(ctx, [
      {
        name: "slow",
        intervalMs: 1,
        run: async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await sleep(15);
          active--;
          runs++;
        },
      },
    ]);
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(4));
    await worker.stop();
    expect(maxActive).toBe(1);
  });

  it("logs a failing run and keeps running the job", async () => {
    const { ctx, lines } = workerContext();
    let runs = 0;
    const worker = startWorker(ctx, [
      {
        name: "flaky",
        intervalMs: 2,
        run: async () => {
          runs++;
          throw new Error(`boom ${runs}`);
        },
      },
    ]);
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(3));
    await worker.stop();
    const failures = lines.filter((l) => l.msg === "job failed");
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures[0]).toMatchObject({ level: 50, job: "flaky", err: { message: "boom 1" } });
  });

  it("stop() waits for the running job and starts no other run", async () => {
    const { ctx } = workerContext();
    const gate = deferred();
    let started = 0;
    let finished = 0;
    const worker = startWorker(ctx, [
      {
        name: "long",
        intervalMs: 1,
        run: async () => {
          started++;
          await gate.promise;
          finished++;
        },
      },
    ]);
    await vi.waitFor(() => expect(started).toBe(1));
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await sleep(20);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(1);
    await sleep(20);
    expect(started).toBe(1);
  });
});

describe("a job's resources", () => {
  it("stop() tells the running job to stop taking work, waits for it, then closes each job once", async () => {
    const { ctx } = workerContext();
    const order: string[] = [];
    let seen: AbortSignal | null = null;
    const worker = startWorker(ctx, [
      {
        name: "drain",
        intervalMs: 1,
        run: async (_now, signal) => {
          seen = signal;
          while (!signal.aborted) await sleep(2);
          order.push("run ended");
        },
        close: () => void order.push("closed"),
      },
    ]);
    await vi.waitFor(() => expect(seen).not.toBeNull());
    expect(seen!.aborted).toBe(false);
    await worker.stop();
    expect(order).toEqual(["run ended", "closed"]);
  });

  it("runJobsOnce closes the jobs after running them, and a failing close is only logged", async () => {
    const { ctx, lines } = workerContext();
    const order: string[] = [];
    await runJobsOnce(ctx, [
      {
        name: "a",
        intervalMs: 1000,
        run: async () => void order.push("a ran"),
        close: () => {
          order.push("a closed");
          throw new Error("already closed");
        },
      },
      {
        name: "b",
        intervalMs: 1000,
        run: async () => void order.push("b ran"),
        close: () => void order.push("b closed"),
      },
    ]);
    expect(order).toEqual(["a ran", "b ran", "a closed", "b closed"]);
    expect(lines.find((l) => l.msg === "job did not close cleanly")).toMatchObject({ job: "a", level: 50 });
  });
});

describe("runJobsOnce", () => {
  it("runs every job once and reports each outcome", async () => {
    const { ctx } = workerContext();
    const jobs: Job[] = [
      { name: "ok", intervalMs: 1000, run: async (now) => ({ at: now.toISOString() }) },
      {
        name: "bad",
        intervalMs: 1000,
        run: async () => {
          throw new Error("no database");
        },
      },
    ];
    const outcomes = await runJobsOnce(ctx, jobs);
    expect(outcomes).toEqual([
      { job: "ok", ok: true, result: { at: "2026-03-02T09:00:00.000Z" } },
      { job: "bad", ok: false, error: expect.objectContaining({ message: "no database" }) },
    ]);
  });
});

describe("WORKER setting", () => {
  it("runs the jobs in the server unless WORKER=off, and refuses other values", () => {
    expect(loadConfig({}).workerInProcess).toBe(true);
    expect(loadConfig({ WORKER: "on" }).workerInProcess).toBe(true);
    expect(loadConfig({ WORKER: "off" }).workerInProcess).toBe(false);
    expect(() => loadConfig({ WORKER: "no" })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER: "no" })).toThrow(/WORKER must be 'on'/);
  });
});

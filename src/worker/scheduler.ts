import type { DomainContext } from "../context.js";

/** A periodic background job. `run` gets the app clock's now, so tests can set the time. */
export interface Job {
  name: string;
  /** time from the start of one run to the start of the next; a slow run delays the next, never overlaps it */
  intervalMs: number;
  /** `signal` is aborted when the worker stops: a long run should stop taking new work */
  run(now: Date, signal: AbortSignal): Promise<unknown>;
  /** releases what the job holds for the worker's life (e.g. SMTP connections), after its last run */
  close?(): Promise<void> | void;
}

interface RunningWorker {
  /** Stops scheduling and resolves once every job that is running has finished. */
  stop(): Promise<void>;
}

type WorkerContext = Pick<DomainContext, "clock" | "log">;

/**
 * Runs each job at once and then every intervalMs, one run of a job at a time. A failing run
 * is logged and the job carries on at its next turn: one bad message must not stop the worker.
 */
export function startWorker(ctx: WorkerContext, jobs: Job[]): RunningWorker {
  let stopped = false;
  const stopSignal = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();

  const schedule = (job: Job, delayMs: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const startedAt = Date.now();
      const run = runJob(ctx, job, stopSignal.signal).finally(() => {
        running.delete(run);
        schedule(job, Math.max(0, job.intervalMs - (Date.now() - startedAt)));
      });
      running.add(run);
    }, delayMs);
    timers.add(timer);
  };
  for (const job of jobs) schedule(job, 0);

  return {
    async stop() {
      stopped = true;
      stopSignal.abort();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.all([...running]);
      await closeJobs(ctx, jobs);
    },
  };
}

type JobOutcome = { job: string; ok: true; result: unknown } | { job: string; ok: false; error: unknown };

/** Runs one job once, logging a failure instead of throwing it. */
export async function runJob(
  ctx: WorkerContext,
  job: Job,
  signal: AbortSignal = new AbortController().signal,
): Promise<JobOutcome> {
  try {
    const result = await job.run(ctx.clock.now(), signal);
    ctx.log.debug({ job: job.name, result }, "job finished");
    return { job: job.name, ok: true, result };
  } catch (err) {
    ctx.log.error({ err, job: job.name }, "job failed");
    return { job: job.name, ok: false, error: err };
  }
}

/** Closes what each job holds; a failure is logged, never thrown. */
async function closeJobs(ctx: WorkerContext, jobs: Job[]): Promise<void> {
  for (const job of jobs) {
    try {
      await job.close?.();
    } catch (err) {
      ctx.log.error({ err, job: job.name }, "job did not close cleanly");
    }
  }
}

/** Runs every job once, one after the other, then closes them (`recto worker --once`). */
export async function runJobsOnce(ctx: WorkerContext, jobs: Job[]): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) outcomes.push(await runJob(ctx, job));
  await closeJobs(ctx, jobs);
  return outcomes;
}

import { Worker } from "node:worker_threads";
import type { LetterRenderLimits } from "../config.js";
import { TemplateProblem, tooMuchMemory, tooSlow } from "./template-problem.js";
import type { TemplateText } from "./template-text.js";

/*
 * Letter templates render in a small pool of worker threads, so a slow or memory-hungry template
 * never holds the main thread (HTTP requests, the worker's jobs) for more than the time it takes
 * to post a message. Each render has a deadline: LiquidJS stops a template at it between nodes
 * (the worker is kept), and the pool terminates a thread still busy a little after it (a single
 * slow filter LiquidJS cannot interrupt) and starts another. Each thread has V8 heap limits
 * (resourceLimits), so a template that allocates too much kills only its own thread.
 *
 * A thread is a whole V8 isolate with LiquidJS loaded: about 30 MB of the process's memory when
 * it starts and 40 to 55 MB once it has rendered for a while, far more than a letter needs (one
 * thread renders a few thousand a second). So the pool holds as few as its work needs: the first
 * render starts one thread, another starts (up to `workers`) only when a render has waited
 * GROW_AFTER_MS for a free one (a slow template holding a thread, or more letters than one keeps
 * up with), and a thread idle for IDLE_MS is stopped. Under placement load this kept the server
 * tens of megabytes smaller than two threads always running (docs/performance.md, "Server memory").
 */

type Field = keyof TemplateText;

export interface RenderPart {
  field: Field;
  source: string;
  /** HTML output escapes every value */
  escape: boolean;
}

interface RenderPoolOptions extends LetterRenderLimits {
  /** how long a render waits for a free thread before another starts (default GROW_AFTER_MS) */
  growAfterMs?: number;
  /** how long a thread may stay idle before it is stopped (default IDLE_MS) */
  idleMs?: number;
  /** LiquidJS's own limits, inside each thread */
  liquid?: { parseLimit?: number; memoryLimit?: number };
  /** the thread's script and extra workerData (tests stand in a thread that dies) */
  worker?: { url: URL; data?: Record<string, unknown> };
}

const WORKER_URL = new URL("./render-worker.mjs", import.meta.url);
/** after the deadline, how long LiquidJS gets to stop the template itself before the thread is terminated */
const GRACE_MS = 250;
/** a new thread must load LiquidJS before its first job starts */
const STARTUP_MS = 10_000;
/**
 * A render is a millisecond or less, so a render that waited this long is behind a slow template
 * (one holds its thread up to LETTER_TIMEOUT_MS, 2 s by default) or a queue one thread does not
 * keep up with: time for another thread. Not less: under placement load the main thread's event
 * loop answers a thread's reply hundreds of milliseconds late, and at 250 ms that lag alone started
 * the second thread (measured: 20 to 40 MB more, no letter sooner). Letters are sent in the
 * background, where a second is nothing; a preview waits that much more at worst.
 */
export const GROW_AFTER_MS = 1000;
/** an idle thread is stopped after this long (the next render starts one again, in about 100 ms) */
export const IDLE_MS = 30_000;

interface Job {
  id: number;
  parts: RenderPart[];
  data: unknown;
  /** already sent back to the queue once because its thread died before starting it */
  requeued: boolean;
  /**
   * when it was queued (performance.now()), to tell how long it has waited for a thread. Kept per
   * job, not as one "waiting since" for the queue: when the oldest render leaves, the next one's
   * wait counts from its own arrival, which one time for the whole queue would not know.
   */
  queuedAt: number;
  resolve(out: Record<Field, string>): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** the part being rendered, to name it when the thread has to be stopped */
  field: Field | null;
  /** the current job has begun (its first part reported): a death before that is not its fault */
  begun: boolean;
  started: boolean;
  timer: NodeJS.Timeout | null;
  /** stops the thread once it has been idle for idleMs */
  idleTimer: NodeJS.Timeout | null;
  retired: boolean;
}

type Reply =
  | { id: number; type: "part"; field: Field }
  | { id: number; type: "problem"; field: Field; message: string }
  | { id: number; type: "done"; out: Record<Field, string> };

/** LiquidJS's limit messages, said the way the letters API says them. */
function explain(message: string, timeoutMs: number): string {
  if (/template render limit exceeded/.test(message)) return tooSlow(timeoutMs);
  if (/memory alloc limit exceeded/.test(message)) return tooMuchMemory;
  if (/parse length limit exceeded/.test(message)) return "the template is too long";
  return message;
}

export class RenderPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private started = 0;
  /** looks again at the queue when its oldest render will have waited growAfterMs */
  private growTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RenderPoolOptions) {}

  /** Renders the parts in one thread, in order; a part that fails rejects with a TemplateProblem naming it. */
  render(parts: RenderPart[], data: unknown): Promise<Record<Field, string>> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        parts,
        data,
        requeued: false,
        queuedAt: performance.now(),
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** threads running, and renders waiting for one */
  get stats() {
    return {
      threads: this.slots.size,
      busy: [...this.slots].filter((s) => s.job).length,
      queued: this.queue.length,
      /** threads started since the pool was made: a thread stopped at its deadline is replaced */
      started: this.started,
    };
  }

  /** Stops every thread; renders still waiting or running fail. The pool starts again on the next render. */
  async close(): Promise<void> {
    const stopped = new Error("letter rendering was stopped");
    if (this.growTimer) clearTimeout(this.growTimer);
    this.growTimer = null;
    for (const job of this.queue.splice(0)) job.reject(stopped);
    const slots = [...this.slots];
    for (const slot of slots) {
      if (slot.job) slot.job.reject(stopped);
      slot.job = null;
    }
    await Promise.all(slots.map((s) => this.retire(s)));
  }

  /**
   * Hands the waiting renders to free threads. `replacing`: a thread has just died, so one may start
   * at once in its place rather than after growAfterMs (the pool does not shrink by a crash).
   */
  private pump(replacing = false): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.job && !s.retired);
      if (!slot && this.slots.size < this.options.workers) {
        const waited = performance.now() - this.queue[0]!.queuedAt;
        if (replacing || this.slots.size === 0 || waited >= this.growAfterMs) {
          slot = this.spawn();
          replacing = false;
        } else this.growLater(this.growAfterMs - waited);
      }
      if (!slot) return;
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private get growAfterMs(): number {
    return this.options.growAfterMs ?? GROW_AFTER_MS;
  }

  /** Looks at the queue again in `ms`: a render still waiting then gets a thread of its own. */
  private growLater(ms: number): void {
    if (this.growTimer) return;
    this.growTimer = setTimeout(() => {
      this.growTimer = null;
      this.pump();
    }, ms);
    // a busy thread keeps the process alive until the queue moves on; this timer need not
    this.growTimer.unref();
  }

  private spawn(): Slot {
    const { memoryMb, liquid } = this.options;
    const worker = new Worker(this.options.worker?.url ?? WORKER_URL, {
      workerData: {
        parseLimit: liquid?.parseLimit ?? 200_000,
        memoryLimit: liquid?.memoryLimit ?? 10_000_000,
        ...this.options.worker?.data,
      },
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.min(16, Math.floor(memoryMb / 4))),
        stackSizeMb: 4,
      },
      // No environment: a template has no way to read it anyway, and the thread needs none.
      env: {},
      stdout: false,
      stderr: false,
    });
    const slot: Slot = {
      worker,
      job: null,
      field: null,
      begun: false,
      started: false,
      timer: null,
      idleTimer: null,
      retired: false,
    };
    worker.on("message", (reply: Reply) => this.onReply(slot, reply));
    worker.on("error", (err: Error & { code?: string }) => {
      const message = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? tooMuchMemory : null;
      this.fail(slot, message ?? `the letter renderer failed: ${err.message}`, message !== null);
    });
    worker.on("exit", () => this.fail(slot, "the letter renderer stopped", false));
    // An idle thread does not keep the process alive (tests, `recto worker --once`); a busy one does.
    worker.unref();
    this.slots.add(slot);
    this.started += 1;
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    slot.field = job.parts[0]?.field ?? "subject";
    slot.begun = false;
    slot.worker.ref();
    this.arm(slot, this.options.timeoutMs + GRACE_MS + (slot.started ? 0 : STARTUP_MS));
    slot.worker.postMessage({ id: job.id, parts: job.parts, data: job.data, timeoutMs: this.options.timeoutMs });
  }

  private arm(slot: Slot, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.fail(slot, tooSlow(this.options.timeoutMs), true), ms);
  }

  private onReply(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (!job || reply.id !== job.id) return;
    if (reply.type === "part") {
      // The deadline counts from when the thread starts on the job, not from its startup.
      if (!slot.started) {
        slot.started = true;
        this.arm(slot, this.options.timeoutMs + GRACE_MS);
      }
      slot.field = reply.field;
      slot.begun = true;
      return;
    }
    this.settle(slot);
    if (reply.type === "done") job.resolve(reply.out);
    else job.reject(new TemplateProblem(reply.field, explain(reply.message, this.options.timeoutMs)));
    this.pump();
  }

  /** The job is finished: the thread goes back to waiting, without holding the process open, until idleMs. */
  private settle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.field = null;
    if (slot.retired) return;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.options.idleMs ?? IDLE_MS);
    slot.idleTimer.unref();
  }

  /**
   * The thread is stopped (deadline, out of memory, crash): its job fails and, when renders are
   * waiting, a new thread starts at once to take the queue. A thread can die of what the previous
   * template left on its heap just after taking the next job; that job had not begun, so it goes
   * back to the front of the queue once instead of being blamed.
   */
  private fail(slot: Slot, message: string, isTemplateProblem: boolean): void {
    const job = slot.job;
    const field = slot.field ?? "subject";
    const begun = slot.begun;
    // A thread the pool stopped itself (idle, closed) exits too; only one that died is replaced.
    const died = !slot.retired;
    this.settle(slot);
    void this.retire(slot);
    if (job && !begun && !job.requeued) {
      job.requeued = true;
      this.queue.unshift(job);
    } else if (job) job.reject(isTemplateProblem ? new TemplateProblem(field, message) : new Error(message));
    this.pump(died);
  }

  private async retire(slot: Slot): Promise<void> {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.timer = null;
    slot.idleTimer = null;
    this.slots.delete(slot);
    if (slot.retired) return;
    slot.retired = true;
    await slot.worker.terminate();
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../clock.js";
import { loadConfig } from "../config.js";
import { openDatabase, type OpenedDb } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { enqueue } from "../outbox/enqueue.js";
import type { OutboxHandlers } from "../outbox/outbox.js";
import type { AppContext } from "../server/context.js";
import { startServer } from "../server/start.js";
import { makeInstitution } from "../../test/factories.js";
import { defaultJobs } from "./jobs.js";
import { runJobsOnce } from "./scheduler.js";

// Every job that defaultJobs gives (to the server's in-process worker too) records its runs here.
const jobRuns = vi.hoisted(() => [] as string[]);
vi.mock("./jobs.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("./jobs.js")>();
  return {
    ...real,
    defaultJobs: (...args: Parameters<typeof real.defaultJobs>) =>
      real.defaultJobs(...args).map((job) => ({
        ...job,
        run: (now: Date, signal: AbortSignal) => {
          jobRuns.push(job.name);
          return job.run(now, signal);
        },
      })),
  };
});
beforeEach(() => {
  jobRuns.length = 0;
});

// These tests run whole worker steps, which claim every institution's messages; a private
// database keeps them from touching the rows of test files that share the PostgreSQL one.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-jobs-"));
let opened: OpenedDb;
let ctx: AppContext;
beforeAll(async () => {
  opened = openDatabase({ dialect: "sqlite", file: path.join(dir, "recto.db") });
  await migrateToLatest(opened.db, "sqlite");
  ctx = {
    config: loadConfig({ LOG_LEVEL: "silent" }),
    db: opened.db,
    dialect: "sqlite",
    clock: new ManualClock(new Date("2026-03-02T09:00:00.000Z")),
    log: pino({ level: "silent" }),
  };
});
afterAll(async () => {
  await opened?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("defaultJobs", () => {
  it("includes the outbox step, which sends due messages with the registered handlers", async () => {
    const inst = await makeInstitution(ctx);
    const id = await ctx.db
      .transaction()
      .execute((tx) =>
        enqueue(
          tx,
          { institutionId: inst.id, kind: "print", topic: "slip", requestId: null, payload: {} },
          ctx.clock.now(),
        ),
      );
    const sent: number[] = [];
    const handlers: OutboxHandlers = { print: async (m) => void sent.push(m.id) };
    const outcomes = await runJobsOnce(ctx, defaultJobs(ctx, handlers));
    expect(outcomes).toContainEqual({
      job: "outbox",
      ok: true,
      result: { claimed: 1, done: 1, retried: 0, failed: 0, lost: 0 },
    });
    expect(sent).toEqual([id]);
  });
});

describe("startServer", () => {
  const at = new Date("2026-03-02T09:00:00.000Z");

  /** Starts a server on a database of its own holding one due outbox message (a print slip). */
  async function serverWithDueMessage(worker: "on" | "off") {
    const file = path.join(dir, `server-${worker}.db`);
    const config = { ...loadConfig({ LOG_LEVEL: "silent", WORKER: worker, DATABASE_URL: file }), port: 0 };
    let messageId = 0;
    const running = await startServer(config, new ManualClock(at), {
      beforeListen: async (serverCtx) => {
        const inst = await makeInstitution(serverCtx);
        messageId = await serverCtx.db
          .transaction()
          .execute((tx) =>
            enqueue(tx, { institutionId: inst.id, kind: "print", topic: "slip", requestId: null, payload: {} }, at),
          );
      },
    });
    return { running, file, messageId };
  }

  /** The message's row, read from the database file after the server has stopped. */
  async function messageAfterStop(file: string, id: number) {
    const reopened = openDatabase({ dialect: "sqlite", file });
    try {
      return await reopened.db
        .selectFrom("outbox")
        .select(["status", "attempts"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    } finally {
      await reopened.close();
    }
  }

  it("with WORKER=on runs the jobs: a due outbox message is taken", async () => {
    const { running, file, messageId } = await serverWithDueMessage("on");
    const attempts = async () =>
      (
        await running.ctx.db
          .selectFrom("outbox")
          .select("attempts")
          .where("id", "=", messageId)
          .executeTakeFirstOrThrow()
      ).attempts;
    while ((await attempts()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await running.stop();
    expect(jobRuns).toEqual(expect.arrayContaining(["outbox", "expire-requests", "marc-imports"]));
    expect((await messageAfterStop(file, messageId)).attempts).toBeGreaterThan(0);
  });

  it("with WORKER=off runs no job: a due outbox message stays pending", async () => {
    const { running, file, messageId } = await serverWithDueMessage("off");
    // A worker runs each job at its first timer turn (setTimeout 0, set before startServer
    // returned); this later timer fires after it, and stop() waits for every running job.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await running.stop();
    expect(jobRuns).toEqual([]);
    expect(await messageAfterStop(file, messageId)).toEqual({ status: "pending", attempts: 0 });
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  it.each(["on", "off"])("starts and stops cleanly with WORKER=%s", async (worker) => {
    const config = {
      ...loadConfig({ LOG_LEVEL: "silent", WORKER: worker, DATABASE_URL: path.join(dir, `server-${worker}.db`) }),
      port: 0,
    };
    const running = await startServer(config, new ManualClock(new Date("2026-03-02T09:00:00.000Z")));
    await running.stop();
  });
});

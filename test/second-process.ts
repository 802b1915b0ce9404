// A second Recto process on the test database, for the cross-process tests (see
// cross-process.ts, which forks it). It opens the database with the same code as the server and
// the worker, says "ready", waits for "go", does its part, reports it and exits:
//  - write-loop: read-then-write transactions in a loop (as a worker's jobs do) until "stop";
//  - place: places requests through its own app (a second server), all at once.
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import { ManualClock } from "../src/clock.js";
import { loadConfig, type Config } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { enqueue } from "../src/outbox/enqueue.js";
import { buildApp } from "../src/server/app.js";
import type { AppContext } from "../src/server/context.js";
import { client } from "./api.js";
import type { ChildReport, SecondProcessJob } from "./cross-process.js";

const job = JSON.parse(process.argv[2]!) as SecondProcessJob;
const send = (msg: ChildReport) => new Promise<void>((resolve) => process.send!(msg, () => resolve()));
const describe = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code ?? e?.message ?? String(err);
};

const opened = openDatabase(job.database);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-second-"));
const config: Config = {
  ...loadConfig({ LOG_LEVEL: "silent" }),
  database: job.database,
  filesDir: path.join(dir, "files"),
  mailDir: path.join(dir, "mail"),
};
const clock = new ManualClock(new Date(job.now));
const ctx: AppContext = { config, db: opened.db, dialect: opened.dialect, clock, log: pino({ level: "silent" }) };

let stopped = false;
const go = new Promise<void>((resolve) =>
  process.on("message", (msg: { type: string }) => {
    if (msg.type === "go") resolve();
    if (msg.type === "stop") stopped = true;
  }),
);
// The parent went away (a failed test): stop writing, and let the process end.
process.on("disconnect", () => {
  stopped = true;
});

async function writeLoop(institutionId: number) {
  const errors: string[] = [];
  let writes = 0;
  // Bounded, so a lost "stop" cannot hang the test; the parent stops it long before.
  for (let i = 0; i < 100_000 && !stopped; i++) {
    try {
      await opened.db.transaction().execute(async (tx) => {
        // Read, then write on what was read: the shape that fails with SQLITE_BUSY_SNAPSHOT
        // when the transaction began deferred and the other process committed in between.
        const row = await tx
          .selectFrom("outbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("institution_id", "=", institutionId)
          .executeTakeFirstOrThrow();
        await enqueue(
          tx,
          { institutionId, kind: "print", topic: "second_process_probe", requestId: null, payload: { seen: row.n } },
          clock.now(),
        );
      });
      writes++;
      if (writes === 1) await send({ type: "writing" });
    } catch (err) {
      errors.push(describe(err));
    }
    // Let the parent's "stop" in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { writes, errors };
}

async function place(apiKey: string, mmsIds: number[]) {
  const app = await buildApp(ctx);
  await app.ready();
  await send({ type: "ready" });
  await go;
  const api = client(app, apiKey);
  const results = await Promise.all(
    mmsIds.map(async (mmsId) => {
      try {
        const res = await api.post("/api/v1/requests", {
          mms_id: String(mmsId),
          required_pages_range: [{ from_page: "1", to_page: "6" }],
        });
        return { status: res.status, code: (res.body as { code?: string }).code ?? null };
      } catch (err) {
        return { status: 0, code: describe(err) };
      }
    }),
  );
  await app.close();
  return results;
}

try {
  if (job.mode === "write-loop") {
    await send({ type: "ready" });
    await go;
    const outcome = await writeLoop(job.institutionId);
    await send({ type: "done", ...outcome });
  } else {
    const results = await place(job.apiKey, job.mmsIds);
    await send({ type: "done", results });
  }
} catch (err) {
  await send({ type: "failed", error: describe(err) });
} finally {
  await opened.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.disconnect?.();
}

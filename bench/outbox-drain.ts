import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { systemClock } from "../src/clock.js";
import { loadConfig, type Config } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { DEFAULT_WORKFLOW } from "../src/rules/engine/workflow.js";
import type { AppContext } from "../src/server/context.js";
import { defaultJobs } from "../src/worker/jobs.js";
import { startWorker } from "../src/worker/scheduler.js";
import { postgresUnavailable } from "./catalogue-generate-pg.js";
import { withScratchPg } from "./scratch-pg.js";
import type { Measurement, Scenario } from "./scenario.js";
import { seedInstitution } from "./seed.js";

const LETTERS = 10_000;
const REQUESTS = 100;
const GOAL_SECONDS = 60;

/** A local SMTP server that counts every message it accepts by its Message-ID (no parsing beyond the header). */
async function countingSmtp() {
  const byMessageId = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString("latin1");
      });
      stream.on("end", () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? "(none)";
        byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    byMessageId,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** 10,000 request_cancelled letters to the patrons of 100 requests, written to the outbox as placements would. */
async function writeLetters(ctx: AppContext): Promise<number[]> {
  const seeded = await seedInstitution(ctx, { patrons: REQUESTS, titles: REQUESTS });
  const at = ctx.clock.now().toISOString();
  const library = await ctx.db
    .selectFrom("libraries")
    .select("id")
    .where("institution_id", "=", seeded.institutionId)
    .executeTakeFirstOrThrow();
  const requests = await ctx.db
    .insertInto("requests")
    .values(
      seeded.patrons.map((p, i) => ({
        institution_id: seeded.institutionId,
        request_type: "DIGITIZATION",
        request_sub_type: "GENERAL_DIGITIZATION",
        state: "CANCELLED",
        is_active: 0,
        user_id: p.id,
        placed_by_user_id: p.id,
        request_source: "patron",
        bib_id: seeded.mmsIds[i]!,
        item_id: null,
        library_id: library.id,
        department_id: null,
        desk_id: null,
        form: "{}",
        workflow: JSON.stringify(DEFAULT_WORKFLOW),
        workflow_rule_id: null,
        request_date: at,
        due_at: at,
        closed_at: at,
        updated_at: at,
      })),
    )
    .returning("id")
    .execute();
  const ids: number[] = [];
  for (let start = 0; start < LETTERS; start += 500) {
    const rows = await ctx.db
      .insertInto("outbox")
      .values(
        Array.from({ length: Math.min(500, LETTERS - start) }, (_, k) => ({
          institution_id: seeded.institutionId,
          kind: "letter" as const,
          topic: "request_cancelled",
          request_id: requests[(start + k) % REQUESTS]!.id,
          payload: JSON.stringify({ outcome: "CANCELLED", reason: `bench letter ${start + k}` }),
          status: "pending" as const,
          attempts: 0,
          next_attempt_at: at,
          last_error: null,
          created_at: at,
          processed_at: null,
        })),
      )
      .returning("id")
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Runs the real worker (scheduler, jobs, pooled SMTP) until every letter is settled; checks exactly once. */
async function drain(label: string, database: Config["database"]): Promise<{ m: Measurement; seconds: number }> {
  const smtp = await countingSmtp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-outbox-"));
  const opened = openDatabase(database);
  try {
    await migrateToLatest(opened.db, opened.dialect);
    const config: Config = {
      ...loadConfig({ LOG_LEVEL: "silent", SMTP_URL: smtp.url }),
      database,
      filesDir: path.join(dir, "files"),
    };
    const ctx: AppContext = {
      config,
      db: opened.db,
      dialect: opened.dialect,
      clock: systemClock,
      log: pino({ level: "silent" }),
    };
    const ids = await writeLetters(ctx);
    const first = ids[0]!;
    const last = ids[ids.length - 1]!;
    const started = performance.now();
    const worker = startWorker(ctx, defaultJobs(ctx));
    let open = LETTERS;
    while (open > 0) {
      await new Promise((r) => setTimeout(r, 100));
      const row = await ctx.db
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("id", ">=", first)
        .where("id", "<=", last)
        .where("status", "in", ["pending", "processing"])
        .executeTakeFirstOrThrow();
      open = Number(row.n);
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();

    const settled = await ctx.db
      .selectFrom("outbox")
      .select(["id", "status", "attempts"])
      .where("id", ">=", first)
      .where("id", "<=", last)
      .execute();
    const notDone = settled.filter((r) => r.status !== "done" || r.attempts !== 1).length;
    const expected = new Set(ids.map((id) => `outbox-${id}@`));
    let delivered = 0;
    let repeats = 0;
    let strays = 0;
    for (const [mid, count] of smtp.byMessageId) {
      const key = /^<(outbox-\d+@)/.exec(mid)?.[1];
      if (!key || !expected.has(key)) strays += count;
      else {
        delivered++;
        repeats += count - 1;
      }
    }
    const missing = LETTERS - delivered;
    const unexpected: Record<string, number> = {};
    if (missing) unexpected.missing = missing;
    if (repeats) unexpected.sent_twice = repeats;
    if (strays) unexpected.stray = strays;
    if (notDone) unexpected.not_done_in_one_try = notDone;
    const rps = LETTERS / seconds;
    console.log(
      `  ${label}: ${LETTERS} letters drained in ${seconds.toFixed(1)} s (goal: under ${GOAL_SECONDS} s), ` +
        `${rps.toFixed(0)} rows/s; ${delivered} distinct messages received, ${repeats} sent twice, ${missing} missing`,
    );
    return {
      seconds,
      m: {
        label: `${label}: ${LETTERS} letters to local SMTP (rows/s; p50/p99 = seconds to drain)`,
        rps,
        p50: seconds,
        p99: seconds,
        answers: delivered,
        accepted: delivered,
        unexpected,
        errors: 0,
        sample: Object.keys(unexpected).length ? JSON.stringify(unexpected) : null,
      },
    };
  } finally {
    await opened.close();
    await smtp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const scenario: Scenario = {
  name: "outbox-drain",
  description: `${LETTERS} letters in the outbox drained by the worker to a local SMTP server, exactly once (goal: under ${GOAL_SECONDS} s)`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-outbox-db-"));
    const measurements: Measurement[] = [];
    const ratios: Record<string, number> = {};
    try {
      const sqlite = await drain("SQLite", { dialect: "sqlite", file: path.join(dir, "recto.db") });
      measurements.push(sqlite.m);
      ratios["SQLite seconds to drain (goal < 60)"] = sqlite.seconds;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const why = await postgresUnavailable();
    if (why === null) {
      const postgres = await withScratchPg("outbox", (url) => drain("PostgreSQL", { dialect: "postgres", url }));
      measurements.push(postgres.m);
      ratios["PostgreSQL seconds to drain (goal < 60)"] = postgres.seconds;
    } else {
      console.log(`  PostgreSQL part skipped: no server at BENCH_PG_URL (${why})`);
    }
    return { measurements, ratios };
  },
};

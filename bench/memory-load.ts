import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chooseEntry } from "../bin/entry-point.mjs";
import { openDatabase } from "../src/db/database.js";
import { onBothDatabases } from "./both-databases.js";
import { drive } from "./load.js";
import { memoryDatasetPg, memoryDatasetSqlite, PATRONS, TITLES, type MemoryDataset } from "./memory-seed.js";
import { checkRows } from "./request-placement.js";
import { REQUESTS } from "./request-list-seed.js";
import { FIGURES, type LoadSettings, type Scenario, type ScenarioRun } from "./scenario.js";
import { rssMb, startServe } from "./startup.js";
import { median } from "./summary.js";

/*
 * Server memory under placement load with a million requests stored (issue 14, goal < 300 MB
 * RSS), on SQLite and on PostgreSQL: `recto serve` (the compiled dist/, as users run it) in its
 * own process on a copy of the work-queue dataset (memory-seed.ts), placement driven by
 * load.ts's separate load process at the run's connections, the server's resident set sampled
 * every SAMPLE_MS from the first /health to the end of the load. The figure is the peak; the
 * median of the samples and the RSS at the first /health are printed beside it. Placement's
 * own speed here is a by-product (request-placement measures it against its reference): every
 * answer must still be a 201 with its row written.
 */

const GOAL_RSS_MB = 300;
const SAMPLE_MS = 250;
const HEALTH_WAIT_MS = 120_000;
const PAGES = [{ from_page: "1", to_page: "10" }];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const recto = path.join(root, "bin", "recto.mjs");

type Database = "SQLite" | "PostgreSQL";

/** Runs `recto args` to its end and fails on a non-zero exit. */
async function runRecto(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [recto, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`recto ${args.join(" ")} exited ${code}: ${stderr.slice(0, 400)}`);
}

/**
 * Each run's placements leave letters in the outbox that the run's worker did not get to. Left
 * pending, the next run's server would start by draining thousands of them, so that each run
 * measured a longer backlog than the last: they are marked done before a run, as if sent.
 */
async function settleOutbox(data: MemoryDataset): Promise<void> {
  const opened = openDatabase(
    data.url ? { dialect: "postgres", url: data.url } : { dialect: "sqlite", file: data.file! },
  );
  try {
    await opened.db
      .updateTable("outbox")
      .set({ status: "done", processed_at: new Date().toISOString() })
      .where("status", "in", ["pending", "processing"])
      .execute();
  } finally {
    await opened.close();
  }
}

/** The institution's requests, read straight from the table. */
async function countRequests(data: MemoryDataset): Promise<number> {
  const opened = openDatabase(
    data.url ? { dialect: "postgres", url: data.url } : { dialect: "sqlite", file: data.file! },
  );
  try {
    const row = await opened.db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("institution_id", "=", data.institutionId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await opened.close();
  }
}

async function measure(database: Database, settings: LoadSettings): Promise<ScenarioRun> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const data = database === "SQLite" ? await memoryDatasetSqlite(log) : await memoryDatasetPg(log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-memory-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? os.tmpdir(),
    DATABASE_URL: data.url ?? data.file!,
    FILES_DIR: path.join(dir, "files"),
    MAIL_DIR: path.join(dir, "mail"),
  };
  try {
    await runRecto(["migrate"], env);
    await settleOutbox(data);
    const before = await countRequests(data);
    const server = await startServe(env, HEALTH_WAIT_MS);
    const atHealth = rssMb(server.pid);
    const samples: number[] = [atHealth];
    const sampler = setInterval(() => samples.push(rssMb(server.pid)), SAMPLE_MS);
    let placement;
    try {
      placement = await drive(server.baseUrl, settings, {
        label: `${database}: place request, recto serve in its own process, ${REQUESTS.toLocaleString("en")} stored`,
        method: "POST",
        path: "/api/v1/requests",
        expectStatus: 201,
        cycle: TITLES,
        request: (n) => ({
          headers: { authorization: `Bearer ${data.patrons[n % PATRONS]!.apiKey}` },
          body: JSON.stringify({ mms_id: String(data.mmsIds[n % TITLES]), required_pages_range: PAGES }),
        }),
      });
    } finally {
      clearInterval(sampler);
      await server.stop();
    }
    checkRows(placement, (await countRequests(data)) - before, settings.connections);
    const peak = Math.max(...samples);
    return {
      measurements: [placement],
      ratios: {
        [`${database}: server RSS MB at the first /health`]: atHealth,
        [`${database}: server RSS MB under placement load, median of ${samples.length} samples`]: median(samples),
        [`${database}: server RSS MB under placement load, peak`]: peak,
      },
      figures: [{ figure: FIGURES.memoryUnderLoad, database, value: peak, unit: "MB", goal: { atMost: GOAL_RSS_MB } }],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const scenario: Scenario = {
  name: "memory-under-load",
  description:
    `recto serve's RSS (peak of samples every ${SAMPLE_MS} ms; goal < ${GOAL_RSS_MB} MB) while POST /api/v1/requests ` +
    `is driven from another process, ${PATRONS} patrons x ${TITLES} titles, with ${REQUESTS.toLocaleString("en")} ` +
    "requests stored, on SQLite and on PostgreSQL at BENCH_PG_URL",
  unavailable() {
    const entry = chooseEntry(root, {});
    return Promise.resolve(
      entry.from === "dist" ? null : `${entry.why ?? "dist/ is not used"}: run "npm run build" first`,
    );
  },
  run: (settings) => onBothDatabases((dialect) => measure(dialect === "sqlite" ? "SQLite" : "PostgreSQL", settings)),
};

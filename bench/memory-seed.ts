import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { systemClock } from "../src/clock.js";
import { openDatabase, type Db } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { issueApiKey } from "../src/people/api-keys.js";
import { allowDeliveryTo } from "../src/rules/tables/seed-delivery.js";
import { BENCH_PG_URL, benchDatabases } from "./catalogue-generate-pg.js";
import { queueDatasetPg, queueDatasetSqlite } from "./queue-seed.js";

/*
 * The memory-under-load scenario's million requests: a copy of the work-queue dataset
 * (queue-seed.ts) with what placement needs and the list generator leaves out: a delivery rule
 * for the FACULTY group and an API key for PATRONS of its patrons. A copy, so that the requests
 * the load places never show up in the list and queue scenarios' datasets (whose expected pages
 * would move under a bench running on the shared server). SQLite: a file under bench/results/;
 * PostgreSQL: a database made from the queue database as its template. Both are kept: each run
 * adds its few thousand placed requests to the million. Change the version when what is added
 * changes.
 */
const MEMORY_SEED_VERSION = 1;

export const PATRONS = 300;
export const TITLES = 3000;

export interface MemoryDataset {
  institutionId: number;
  patrons: { id: number; apiKey: string }[];
  /** bib ids of titles with an item on the shelf */
  mmsIds: number[];
  /** SQLite: the file; PostgreSQL: the database URL */
  file?: string;
  url?: string;
}

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

/** Every n-th of `values`, `count` of them, spread over the whole range. */
const spread = <T>(values: T[], count: number): T[] =>
  Array.from({ length: count }, (_, i) => values[Math.floor((i * values.length) / count)]!);

/** Adds the delivery rule and the patrons' keys; what the load needs to know. */
async function addPlacementNeeds(db: Db, institutionId: number): Promise<Omit<MemoryDataset, "file" | "url">> {
  const now = systemClock.now();
  return db.transaction().execute(async (tx) => {
    await allowDeliveryTo(tx, institutionId, ["FACULTY"], now.toISOString());
    const users = await tx
      .selectFrom("users")
      .select("id")
      .where("institution_id", "=", institutionId)
      .where("primary_id", "like", "patron%")
      .orderBy("id")
      .execute();
    const patrons: MemoryDataset["patrons"] = [];
    for (const { id } of spread(users, PATRONS)) {
      patrons.push({ id, apiKey: (await issueApiKey(tx, { id, institution_id: institutionId }, "bench", now)).key });
    }
    const titles = await tx
      .selectFrom("items")
      .select("bib_id")
      .distinct()
      .where("institution_id", "=", institutionId)
      .orderBy("bib_id")
      .execute();
    return { institutionId, patrons, mmsIds: spread(titles, TITLES).map((t) => t.bib_id) };
  });
}

const readManifest = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as MemoryDataset;

/** The SQLite file, copied from the queue dataset's on first use. */
export async function memoryDatasetSqlite(log: (line: string) => void): Promise<MemoryDataset> {
  const manifest = path.join(resultsDir, `memory-v${MEMORY_SEED_VERSION}.json`);
  const file = path.join(resultsDir, `memory-v${MEMORY_SEED_VERSION}.db`);
  if (fs.existsSync(manifest) && fs.existsSync(file)) return { ...readManifest(manifest), file };
  const queue = await queueDatasetSqlite(log);
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  log("adding patrons' keys and a delivery rule to a copy of the queue dataset (once)...");
  fs.copyFileSync(queue.file!, partial);
  const opened = openDatabase({ dialect: "sqlite", file: partial });
  let out: Omit<MemoryDataset, "file" | "url">;
  try {
    await migrateToLatest(opened.db, opened.dialect);
    out = await addPlacementNeeds(opened.db, queue.institutionId);
  } finally {
    await opened.close();
  }
  fs.renameSync(partial, file);
  fs.writeFileSync(manifest, `${JSON.stringify(out, null, 2)}\n`);
  return { ...out, file };
}

const PG_PREFIX = "recto_bench_memory_";
const TEMPLATE_TRIES = 20;

/** The PostgreSQL database, copied from the queue database on first use. */
export async function memoryDatasetPg(log: (line: string) => void): Promise<MemoryDataset> {
  const database = `${PG_PREFIX}v${MEMORY_SEED_VERSION}`;
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${database}`;
  const manifest = path.join(resultsDir, `${database}.json`);
  const queue = await queueDatasetPg(log);
  const template = new URL(queue.url!).pathname.slice(1);
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  try {
    const existing = await benchDatabases(admin, PG_PREFIX);
    if (existing.includes(database) && fs.existsSync(manifest)) {
      return { ...readManifest(manifest), url: url.toString() };
    }
    // only this scenario uses these databases: an older version, or one without its manifest, goes
    for (const datname of existing) await admin.query(`drop database "${datname}" with (force)`);
    log(`copying ${template} into ${database} (once)...`);
    // A template must have no other session: a bench reading the queue database makes us wait.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database "${database}" template "${template}" strategy file_copy`);
        break;
      } catch (err) {
        if (attempt >= TEMPLATE_TRIES || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    }
  } finally {
    await admin.end();
  }
  const opened = openDatabase({ dialect: "postgres", url: url.toString() });
  let out: Omit<MemoryDataset, "file" | "url">;
  try {
    await migrateToLatest(opened.db, "postgres");
    out = await addPlacementNeeds(opened.db, queue.institutionId);
  } finally {
    await opened.close();
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(manifest, `${JSON.stringify(out, null, 2)}\n`);
  return { ...out, url: url.toString() };
}

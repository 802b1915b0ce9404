import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type Db } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { BENCH_PG_URL } from "./catalogue-generate-pg.js";
import { generate, listDataset } from "./request-list-seed.js";

/*
 * The work-queue scenario's million requests: the request-list dataset (same generator, same
 * seed) plus tasks, so that the approval, copyright and "ready to deliver" queues have something
 * to find among a large history of decided tasks. SQLite: a copy of the list dataset's file,
 * cached under bench/results/. PostgreSQL: a database on the server at BENCH_PG_URL, generated
 * once and kept (dropped when QUEUE_SEED_VERSION changes). Change the version whenever what is
 * generated changes; schema changes need none (migrateToLatest runs at every open).
 */
const QUEUE_SEED_VERSION = 1;

export interface QueueDataset {
  institutionId: number;
  libraries: { code: string; id: number }[];
  departmentCode: string;
  keys: { admin: string; operator: string; patron: string };
  operator: { id: number; libraryId: number };
  /** SQLite: the file; PostgreSQL: the database URL */
  file?: string;
  url?: string;
}

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

/**
 * Tasks by request id, so that the same requests carry them on both databases: a tenth of the
 * open requests wait for approval, a twentieth for copyright clearance, and a fifth of all
 * requests keep an approved task in their history.
 */
async function addTasks(db: Db, institutionId: number): Promise<void> {
  const open = sql`state in ('NEW', 'AWAITING_APPROVAL', 'PICK_FROM_SHELF', 'IN_TRANSIT', 'IN_DIGITIZATION', 'DIGITIZED')`;
  const insert = (kind: string, status: string, where: ReturnType<typeof sql>) =>
    sql`insert into request_tasks (institution_id, request_id, kind, status, reason, note, details, decided_by_user_id, decided_at, created_at)
        select institution_id, id, ${kind}, ${status}, null, null, '{}', null, null, request_date
        from requests where institution_id = ${institutionId} and ${where}`.execute(db);
  await insert("approval", "pending", sql`${open} and id % 10 = 0`);
  await insert("copyright", "pending", sql`${open} and id % 20 = 3`);
  await insert("approval", "approved", sql`id % 5 = 1`);
}

/** The SQLite file, made from the list dataset's on first use. */
export async function queueDatasetSqlite(log: (line: string) => void): Promise<QueueDataset> {
  const manifest = path.join(resultsDir, `queue-v${QUEUE_SEED_VERSION}.json`);
  const file = path.join(resultsDir, `queue-v${QUEUE_SEED_VERSION}.db`);
  if (fs.existsSync(manifest) && fs.existsSync(file)) {
    return { ...(JSON.parse(fs.readFileSync(manifest, "utf8")) as QueueDataset), file };
  }
  const list = await listDataset(log);
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  log("adding tasks to a copy of the request-list dataset (once)...");
  fs.copyFileSync(list.file, partial);
  const opened = openDatabase({ dialect: "sqlite", file: partial });
  try {
    await migrateToLatest(opened.db, opened.dialect);
    await addTasks(opened.db, list.institutionId);
    await sql`analyze`.execute(opened.db);
  } finally {
    await opened.close();
  }
  fs.renameSync(partial, file);
  const out: QueueDataset = {
    institutionId: list.institutionId,
    libraries: list.libraries,
    departmentCode: list.departmentCode,
    keys: list.keys,
    operator: list.operator,
  };
  fs.writeFileSync(manifest, `${JSON.stringify(out, null, 2)}\n`);
  return { ...out, file };
}

const PG_PREFIX = "recto_bench_queues_";

/** The PostgreSQL database, generated on first use. */
export async function queueDatasetPg(log: (line: string) => void): Promise<QueueDataset> {
  const database = `${PG_PREFIX}v${QUEUE_SEED_VERSION}`;
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${database}`;
  const manifest = path.join(resultsDir, `${database}.json`);
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where starts_with(datname, $1)",
      [PG_PREFIX],
    );
    if (rows.some((r) => r.datname === database) && fs.existsSync(manifest)) {
      return { ...(JSON.parse(fs.readFileSync(manifest, "utf8")) as QueueDataset), url: url.toString() };
    }
    for (const { datname } of rows) await admin.query(`drop database "${datname}" with (force)`);
    log(`generating the queue dataset in PostgreSQL database ${database} (once, a few minutes)...`);
    await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const opened = openDatabase({ dialect: "postgres", url: url.toString() });
  let out: QueueDataset;
  try {
    await migrateToLatest(opened.db, "postgres");
    const made = await generate(opened.db, log);
    await addTasks(opened.db, made.institutionId);
    // vacuum too: until the visibility map is set, an index-only scan still reads every row's heap page
    await sql`vacuum analyze`.execute(opened.db);
    out = {
      institutionId: made.institutionId,
      libraries: made.libraries,
      departmentCode: made.departmentCode,
      keys: made.keys,
      operator: made.operator,
    };
  } finally {
    await opened.close();
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(manifest, `${JSON.stringify(out, null, 2)}\n`);
  return { ...out, url: url.toString() };
}

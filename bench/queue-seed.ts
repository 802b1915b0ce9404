import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { systemClock } from "../src/clock.js";
import { openDatabase, type Db } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { issueApiKey } from "../src/people/api-keys.js";
import { BENCH_PG_URL, benchDatabases } from "./catalogue-generate-pg.js";
import { generate, LIST_INSTITUTION_CODE, listDataset, typicalPatron } from "./request-list-seed.js";
import { startBenchServer } from "./server.js";

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
    const existing = await benchDatabases(admin, PG_PREFIX);
    if (existing.includes(database)) {
      if (!fs.existsSync(manifest)) await recoverManifest(url.toString(), manifest, log);
      return { ...(JSON.parse(fs.readFileSync(manifest, "utf8")) as QueueDataset), url: url.toString() };
    }
    for (const datname of existing) await admin.query(`drop database "${datname}" with (force)`);
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

/**
 * The manifest of a database generated from another checkout (the server is shared, the
 * manifest lives in that checkout's bench/results/): what it names is read back from the tables
 * and the three keys, whose secrets only the generating checkout knew, are issued anew. Dropping
 * and regenerating instead would take minutes and cut off any bench using the database meanwhile.
 */
async function recoverManifest(url: string, manifest: string, log: (line: string) => void): Promise<void> {
  log("reading the queue dataset's manifest back from its PostgreSQL database (once)...");
  const opened = openDatabase({ dialect: "postgres", url });
  try {
    const db = opened.db;
    await migrateToLatest(db, "postgres");
    const { id: institutionId } = await db
      .selectFrom("institutions")
      .select("id")
      .where("code", "=", LIST_INSTITUTION_CODE)
      .executeTakeFirstOrThrow();
    const libraries = await db
      .selectFrom("libraries")
      .select(["code", "id"])
      .where("institution_id", "=", institutionId)
      .where("code", "in", ["MAIN", "LAW"])
      .orderBy("code", "desc")
      .execute();
    const user = (primaryId: string) =>
      db
        .selectFrom("users")
        .select("id")
        .where("institution_id", "=", institutionId)
        .where("primary_id", "=", primaryId)
        .executeTakeFirstOrThrow();
    const admin = await user("admin");
    const operator = await user("law_requests");
    const patron = await typicalPatron(db, institutionId);
    const now = systemClock.now();
    const key = async (id: number) => (await issueApiKey(db, { id, institution_id: institutionId }, "bench", now)).key;
    const out: QueueDataset = {
      institutionId,
      libraries,
      departmentCode: "LAW_DIGI",
      keys: { admin: await key(admin.id), operator: await key(operator.id), patron: await key(patron.id) },
      operator: { id: operator.id, libraryId: libraries.find((l) => l.code === "LAW")!.id },
    };
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(manifest, `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await opened.close();
  }
}

/** The dataset on `dialect` (made first when missing) and the app listening on it, in this process. */
export async function serveQueueDataset(dialect: "sqlite" | "postgres") {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const data = dialect === "sqlite" ? await queueDatasetSqlite(log) : await queueDatasetPg(log);
  const server = await startBenchServer(
    undefined,
    dialect === "sqlite" ? { databaseFile: data.file! } : { databaseUrl: data.url! },
  );
  return { data, server };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Iso2709Parser } from "marcjs";
import pg from "pg";
import { importMarc } from "../src/catalogue/marc/import-marc.js";
import { IMPORT_PROFILES } from "../src/catalogue/marc/import-profiles.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createInstitution } from "../src/organisation/create-institution.js";
import { postgresUnavailable } from "./catalogue-generate-pg.js";
import { buildCorpus, corpusAvailable, EVERGREEN_DIR } from "./marc-corpus.js";
import type { Measurement, Scenario } from "./scenario.js";
import { withScratchPg } from "./scratch-pg.js";

/*
 * What the MARC import's storing and indexing cost on their own (issue 14), the import's
 * counterpart of placement-floor. The corpus is imported once for real; then the rows it wrote
 * (bibs, holdings, items and whatever else grows with the records) are written again into empty
 * tables by the database alone, one INSERT ... SELECT per table in one transaction, with the
 * search index held back and then built in one statement, as the import does. No parsing, no
 * MARC-8, no JavaScript per record, no round trip per group: a floor the import cannot beat
 * however fast its reading, since every record must still be stored and indexed. Beside it,
 * marcjs's parse-only rate on the same corpus, the import goal's reference (0.5 of it).
 */

const RECORDS = Number(process.env.BENCH_MARC_RECORDS ?? 100_000);
/** A table the import fills at least this many rows per 100 records is "per record" here. */
const PER_RECORD = 0.2;

function splitRecords(file: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let start = 0, end = file.indexOf(0x1d); end !== -1; start = end + 1, end = file.indexOf(0x1d, start))
    out.push(file.subarray(start, end + 1));
  return out;
}

function rateRow(label: string, records: number, ms: number): Measurement {
  return {
    label,
    rps: records / (ms / 1000),
    p50: 0,
    p99: 0,
    answers: records,
    accepted: records,
    unexpected: {},
    errors: 0,
    sample: null,
  };
}

async function importForReal(database: { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string }) {
  const opened = openDatabase(database);
  try {
    await migrateToLatest(opened.db, opened.dialect);
    const { id } = await createInstitution(opened.db, { code: "BENCH", name: "Bench" }, new Date());
    const started = performance.now();
    const report = await importMarc(opened.db, [{ name: "corpus.mrc", bytes: buildCorpus(RECORDS) }], {
      institutionId: id,
      profile: IMPORT_PROFILES.evergreen!,
      dryRun: false,
      createMissing: true,
      now: new Date(),
      batchSize: 1000,
    });
    return { records: report.records_read, ms: performance.now() - started };
  } finally {
    await opened.close();
  }
}

/** SQLite: the imported file attached to a freshly migrated one, its rows copied over. */
async function sqliteFloor(dir: string, records: number): Promise<{ ms: number; tables: string[] }> {
  const fresh = path.join(dir, "floor.db");
  const opened = openDatabase({ dialect: "sqlite", file: fresh });
  await migrateToLatest(opened.db, opened.dialect);
  await opened.close();
  const db = new SQLite(fresh);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 10000");
  db.exec(`attach database '${path.join(dir, "imported.db")}' as a`);
  // tables in creation order, which is the order their references allow
  const tables = db
    .prepare(
      `select name from a.sqlite_master where type = 'table' and name not like 'sqlite_%'
       and name not like 'bibs_search%' and name <> 'search_index_deferred' order by rowid`,
    )
    .pluck()
    .all() as string[];
  const count = (table: string) => db.prepare(`select count(*) from a."${table}"`).pluck().get() as number;
  const perRecord = tables.filter((t) => count(t) >= records * PER_RECORD);
  const copy = (t: string) => db.exec(`insert into main."${t}" select * from a."${t}"`);
  // what does not grow with the records (the institution, its libraries, migrations) first, untimed
  db.pragma("foreign_keys = OFF");
  for (const t of tables)
    if (!perRecord.includes(t) && (db.prepare(`select count(*) from main."${t}"`).pluck().get() as number) === 0)
      copy(t);
  db.pragma("foreign_keys = ON");
  const started = performance.now();
  db.transaction(() => {
    db.exec("insert into search_index_deferred (deferred) values (1)");
    for (const t of perRecord) copy(t);
    db.exec("delete from search_index_deferred");
    db.exec(`insert into bibs_search (rowid, title, author, subjects, publisher, identifiers, facets)
      select bib_id, title, author, subjects, publisher, identifiers, facets from bibs_search_source`);
  }).immediate();
  const ms = performance.now() - started;
  db.close();
  return { ms, tables: perRecord };
}

/** PostgreSQL: the imported rows set aside, the tables emptied, the rows written back. */
async function postgresFloor(url: string, records: number): Promise<{ ms: number; tables: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where s.nspname = 'public' and c.relkind = 'r' order by c.oid`,
    );
    const counted: { name: string; n: number }[] = [];
    for (const { name } of rows)
      counted.push({ name, n: Number((await client.query(`select count(*) as n from "${name}"`)).rows[0].n) });
    // the search index is what the floor rebuilds, not a table it copies
    const perRecord = counted.filter((t) => t.n >= records * PER_RECORD && t.name !== "bibs_search").map((t) => t.name);
    for (const t of perRecord) await client.query(`create unlogged table "floor_${t}" as select * from "${t}"`);
    // cascade: the tables that refer to bibs (requests, ...) are empty in a database that only imported
    await client.query(`truncate ${["bibs_search", ...perRecord].map((t) => `"${t}"`).join(", ")} cascade`);
    await client.query("checkpoint");
    const started = performance.now();
    await client.query("begin");
    await client.query("select set_config('recto.search_deferred', 'on', true)");
    for (const t of perRecord) await client.query(`insert into "${t}" select * from "floor_${t}"`);
    await client.query(
      "select set_config('recto.search_deferred', 'off', true), recto_search_index(array(select id from bibs))",
    );
    await client.query("commit");
    return { ms: performance.now() - started, tables: perRecord };
  } finally {
    await client.end();
  }
}

export const scenario: Scenario = {
  name: "import-floor",
  description: `MARC import's storing and indexing alone (${RECORDS} records): the rows of a real import written again by the database, against marcjs parse-only`,
  async run() {
    if (!corpusAvailable()) throw new Error(`the Evergreen MARC files are not at ${EVERGREEN_DIR}`);
    const raw = splitRecords(buildCorpus(RECORDS));
    const parseStarted = performance.now();
    for (const r of raw) Iso2709Parser.parse(r);
    const marcjsMs = performance.now() - parseStarted;
    const marcjsRate = raw.length / (marcjsMs / 1000);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-import-floor-"));
    const measurements: Measurement[] = [rateRow("marcjs parse only", raw.length, marcjsMs)];
    const ratios: Record<string, number> = {};
    try {
      const real = await importForReal({ dialect: "sqlite", file: path.join(dir, "imported.db") });
      const floor = await sqliteFloor(dir, real.records);
      measurements.push(
        rateRow("SQLite: Recto import (parse + store + index)", real.records, real.ms),
        rateRow(`SQLite: floor, rows written again (${floor.tables.join(", ")})`, real.records, floor.ms),
      );
      ratios["SQLite: floor / marcjs parse-only (the import goal is 0.5)"] =
        real.records / (floor.ms / 1000) / marcjsRate;
      ratios["SQLite: import / floor"] = floor.ms / real.ms;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if ((await postgresUnavailable()) === null) {
      await withScratchPg("import_floor", async (url) => {
        const real = await importForReal({ dialect: "postgres", url });
        const floor = await postgresFloor(url, real.records);
        measurements.push(
          rateRow("PostgreSQL: Recto import (parse + store + index)", real.records, real.ms),
          rateRow(`PostgreSQL: floor, rows written again (${floor.tables.join(", ")})`, real.records, floor.ms),
        );
        ratios["PostgreSQL: floor / marcjs parse-only (the import goal is 0.5)"] =
          real.records / (floor.ms / 1000) / marcjsRate;
        ratios["PostgreSQL: import / floor"] = floor.ms / real.ms;
      });
    }
    return { measurements, ratios };
  },
};

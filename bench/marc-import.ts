import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Iso2709Parser } from "marcjs";
import pg from "pg";
import { importMarc } from "../src/catalogue/marc/import-marc.js";
import { IMPORT_PROFILES } from "../src/catalogue/marc/import-profiles.js";
import type { ImportReport } from "../src/catalogue/marc/import-report.js";
import { readIso2709 } from "../src/catalogue/marc/iso2709.js";
import { extractBib } from "../src/catalogue/marc/extract-fields.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createInstitution } from "../src/organisation/create-institution.js";
import { BENCH_PG_URL, BENCH_PG_URL_SHOWN } from "./catalogue-generate-pg.js";
import { withScratchPg } from "./scratch-pg.js";
import { median } from "./summary.js";
import { buildCorpus, corpusAvailable, EVERGREEN_DIR } from "./marc-corpus.js";
import { FIGURES, type Figure, type FigureDatabase, type Measurement, type Scenario } from "./scenario.js";

/*
 * MARC import throughput on the Evergreen files copied to BENCH_MARC_RECORDS (100,000) records:
 * marcjs's parse-only rate, Recto's parse-only rate (ISO 2709 checks, MARC-8 conversion, field
 * extraction) and the whole import (parse + store bibs, holdings and items, + whatever search
 * index triggers exist on bibs) into a fresh SQLite file, and into a scratch PostgreSQL database
 * beside BENCH_PG_URL's when that server answers. Each import's rate over marcjs's, measured in
 * the same run on the same corpus, is the figure with a goal (0.5). "req/s" is records per second here;
 * p50/p99 are milliseconds per 1,000 records.
 */

const RECORDS = Number(process.env.BENCH_MARC_RECORDS ?? 100_000);
const CHUNK = 1000;

const p99 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
};

function measurement(
  label: string,
  records: number,
  ms: number,
  chunkMs: number[],
  bad: number,
  sample: string | null,
): Measurement {
  return {
    label,
    rps: records / (ms / 1000),
    p50: chunkMs.length ? median(chunkMs) : 0,
    p99: p99(chunkMs),
    answers: records,
    accepted: records - bad,
    unexpected: bad ? { "bad record": bad } : {},
    errors: 0,
    sample,
  };
}

function splitRecords(file: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (;;) {
    const end = file.indexOf(0x1d, start);
    if (end === -1) return out;
    out.push(file.subarray(start, end + 1));
    start = end + 1;
  }
}

/** Times `step` over every record, noting each 1,000-record chunk's time. */
function timeChunks<T>(items: Iterable<T>, step: (item: T) => void): { ms: number; chunks: number[]; n: number } {
  const chunks: number[] = [];
  const started = performance.now();
  let chunkStart = started;
  let n = 0;
  for (const item of items) {
    step(item);
    n += 1;
    if (n % CHUNK === 0) {
      const now = performance.now();
      chunks.push(now - chunkStart);
      chunkStart = now;
    }
  }
  return { ms: performance.now() - started, chunks, n };
}

interface TimedImport {
  ms: number;
  report: ImportReport;
  batchTimes: number[];
}

/** The whole import of the corpus into a fresh database, in batches of CHUNK records. */
async function timeImport(
  database: { dialect: "sqlite" } | { dialect: "postgres"; url: string },
  corpus: Buffer,
): Promise<TimedImport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-marc-"));
  const opened = openDatabase(
    database.dialect === "sqlite" ? { dialect: "sqlite", file: path.join(dir, "recto.db") } : database,
  );
  try {
    await migrateToLatest(opened.db, opened.dialect);
    const { id } = await createInstitution(opened.db, { code: "BENCH", name: "Bench" }, new Date());
    const batchTimes: number[] = [];
    let last = performance.now();
    const started = last;
    const report = await importMarc(opened.db, [{ name: "corpus.mrc", bytes: corpus }], {
      institutionId: id,
      profile: IMPORT_PROFILES.evergreen!,
      dryRun: false,
      createMissing: true,
      now: new Date(),
      batchSize: CHUNK,
      onCommitted: () => {
        const now = performance.now();
        batchTimes.push(now - last);
        last = now;
        return Promise.resolve();
      },
    });
    return { ms: performance.now() - started, report, batchTimes };
  } finally {
    await opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function importRow(label: string, { ms, report, batchTimes }: TimedImport, knownBad: number): Measurement {
  const skipped = report.records_skipped;
  return measurement(
    label,
    report.records_read,
    ms,
    batchTimes,
    // the corpus carries a known bad record per copy of hebrew.marc (a DEL byte in MARC-8)
    skipped - knownBad,
    skipped > knownBad ? (report.problems.find((p) => !p.message.includes("0x7F"))?.message ?? null) : null,
  );
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const scenario: Scenario = {
  name: "marc-import",
  description: `MARC import of ${RECORDS} records (Evergreen files copied): records/s, p50/p99 = ms per ${CHUNK} records`,
  async run() {
    if (!corpusAvailable()) throw new Error(`the Evergreen MARC files are not at ${EVERGREEN_DIR}`);
    const corpus = buildCorpus(RECORDS);
    const raw = splitRecords(corpus);

    const marcjs = timeChunks(raw, (r) => void Iso2709Parser.parse(r));

    let recto_bad = 0;
    const recto = timeChunks(readIso2709(corpus), (r) => {
      if (r.ok) extractBib(r.record);
      else recto_bad += 1;
    });

    const rate = (n: number, ms: number) => n / (ms / 1000);
    const marcjsRate = rate(marcjs.n, marcjs.ms);
    const sqlite = await timeImport({ dialect: "sqlite" }, corpus);
    const rows = [
      measurement("marcjs parse only", marcjs.n, marcjs.ms, marcjs.chunks, 0, null),
      // the records Recto refuses here are bad in the source files (see the import row's sample)
      measurement("Recto parse + MARC-8 + fields", recto.n, recto.ms, recto.chunks, 0, null),
      importRow("Recto import, SQLite (parse + store + index)", sqlite, recto_bad),
    ];
    const ratios: Record<string, number> = {
      "Recto import records/s, SQLite, over marcjs parse-only records/s, same corpus (goal >= 0.5)":
        rate(sqlite.report.records_read, sqlite.ms) / marcjsRate,
    };
    const importFigure = (database: FigureDatabase, read: number, ms: number): Figure => ({
      figure: FIGURES.marcImport,
      database,
      value: rate(read, ms),
      unit: "records/s",
      reference: marcjsRate,
      referenceName: "marcjs parse only, same corpus",
      goal: { ratioAtLeast: 0.5 },
    });
    const figures = [importFigure("SQLite", sqlite.report.records_read, sqlite.ms)];
    if (await postgresReachable()) {
      const pg = await withScratchPg("marc", (url) => timeImport({ dialect: "postgres", url }, corpus));
      rows.push(importRow("Recto import, PostgreSQL (parse + store + index)", pg, recto_bad));
      ratios["Recto import records/s, PostgreSQL, over marcjs parse-only records/s (goal >= 0.5)"] =
        rate(pg.report.records_read, pg.ms) / marcjsRate;
      figures.push(importFigure("PostgreSQL", pg.report.records_read, pg.ms));
    } else console.log(`marc-import: no PostgreSQL at ${BENCH_PG_URL_SHOWN}, SQLite only`);
    return { measurements: rows, ratios, figures };
  },
};

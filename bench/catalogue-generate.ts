import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createInstitution } from "../src/organisation/create-institution.js";
import {
  catalogueHash,
  catalogueRecords,
  checkRecordCount,
  INSTITUTION_CODE,
  INSTITUTION_NAME,
  LIBRARIES,
  RECORDS,
  type CatalogueRecord,
} from "./catalogue-records.js";

/*
 * The search benchmark's generated catalogue on SQLite: RECORDS bibliographic records (one
 * holding each, see catalogue-records.ts) in one institution, in a file cached under
 * bench/results/ and named by record count and catalogueHash.
 */

const BATCH = 200;

const here = path.dirname(fileURLToPath(import.meta.url));

interface GeneratedCatalogue {
  file: string;
  institutionCode: string;
  /** seconds spent generating, or null when the cached file was used */
  generatedSeconds: number | null;
}

/** The cached catalogue file, built first if there is none for this generator and schema. */
export async function generatedCatalogue(log: (line: string) => void): Promise<GeneratedCatalogue> {
  checkRecordCount();
  const dir = path.join(here, "results");
  const file = path.join(dir, `catalogue-${RECORDS}-${catalogueHash(import.meta.url)}.db`);
  const institutionCode = INSTITUTION_CODE;
  if (fs.existsSync(file)) return { file, institutionCode, generatedSeconds: null };
  fs.mkdirSync(dir, { recursive: true });
  for (const old of fs.readdirSync(dir).filter((f) => /^catalogue-\d+-\w+\.db/.test(f))) {
    fs.rmSync(path.join(dir, old));
  }
  const started = performance.now();
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });

  const opened = openDatabase({ dialect: "sqlite", file: partial });
  await migrateToLatest(opened.db, "sqlite");
  const { id: institutionId } = await createInstitution(
    opened.db,
    { code: institutionCode, name: INSTITUTION_NAME },
    new Date(),
  );
  await opened.close();

  // Bulk rows go straight through the driver: the records are scenery, the search is measured.
  const db = new SQLite(partial);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  const at = new Date().toISOString();
  const places = LIBRARIES.map((code) => {
    const library = db
      .prepare(
        "insert into libraries (institution_id, code, name, created_at, updated_at) values (?, ?, ?, ?, ?) returning id",
      )
      .get(institutionId, code, `${code} Library`, at, at) as { id: number };
    const location = db
      .prepare(
        "insert into locations (institution_id, library_id, code, name, created_at, updated_at) values (?, ?, 'STACKS', 'Stacks', ?, ?) returning id",
      )
      .get(institutionId, library.id, at, at) as { id: number };
    return { library: library.id, location: location.id };
  });

  const records = catalogueRecords(RECORDS);
  const bibColumns =
    "institution_id, title, author, publisher, publication_date, publication_year, edition, isbn, issn, language, material_type, extent, page_count, identifiers, subjects, created_at, updated_at";
  const insertBibs = db.prepare(
    `insert into bibs (${bibColumns}) values ${Array(BATCH)
      .fill(`(${Array(17).fill("?").join(", ")})`)
      .join(", ")}`,
  );
  const holdingColumns = "institution_id, bib_id, library_id, location_id, call_number, created_at, updated_at";
  const placeRows = places.map((_, k) => `select ${k} as k, ? as library_id, ? as location_id`).join(" union all ");
  const insertHoldings = db.prepare(
    `insert into holdings (${holdingColumns})
     select ?, b.id, p.library_id, p.location_id, 'QA76 .B' || b.id, ?, ?
     from bibs b join (${placeRows}) p on p.k = (b.id - ?) % ${LIBRARIES.length}
     where b.id between ? and ?`,
  );
  const firstId = (db.prepare("select coalesce(max(id), 0) + 1 as n from bibs").get() as { n: number }).n;
  const batch = db.transaction((from: number) => {
    const values: unknown[] = [];
    for (let n = from; n < from + BATCH; n++) {
      const r: CatalogueRecord = records.next().value!;
      values.push(
        institutionId,
        r.title,
        r.author,
        r.publisher,
        r.publication_date,
        r.publication_year,
        null,
        r.isbn,
        null,
        r.language,
        r.material_type,
        r.extent,
        null,
        r.identifiers,
        r.subjects,
        at,
        at,
      );
    }
    insertBibs.run(values);
    const placeValues = places.flatMap((p) => [p.library, p.location]);
    insertHoldings.run(institutionId, at, at, ...placeValues, firstId, firstId + from, firstId + from + BATCH - 1);
  });
  for (let from = 0; from < RECORDS; from += BATCH) {
    batch(from);
    if ((from + BATCH) % 100_000 === 0) {
      log(`  generated ${from + BATCH} of ${RECORDS} records (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  db.exec("analyze");
  db.pragma("journal_mode = WAL");
  db.close();
  fs.renameSync(partial, file);
  return { file, institutionCode, generatedSeconds: (performance.now() - started) / 1000 };
}

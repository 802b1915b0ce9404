import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { isbn13CheckDigit } from "../src/catalogue/standard-numbers.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { Prng } from "../src/demo/prng.js";
import { createInstitution } from "../src/organisation/create-institution.js";

/*
 * A generated catalogue for the search benchmark: RECORDS bibliographic records (one holding
 * each) in one institution, in a SQLite file cached under bench/results/. The cache is named
 * by a hash of this file and of the migrations, so a change to either builds a new one.
 *
 * Words are pseudo-words drawn with a Zipf distribution (as words in real titles are), so
 * the benchmark can ask for words by how common they are. One word in five carries an accent,
 * which queries leave out.
 */

/** BENCH_SEARCH_RECORDS shrinks the catalogue for a quick look; published figures use a million. */
export const RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 1_000_000);
export const VOCABULARY = 20_000;
export const LIBRARIES = ["MAIN", "LAW", "SCI"] as const;
const SEED = 20260301;
const BATCH = 200;

const here = path.dirname(fileURLToPath(import.meta.url));
const SYLLABLES =
  "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu"
    .split(" ")
    .flatMap((s) => [s, `${s}n`, `${s}r`]);
const ACCENTED: Record<string, string> = { a: "á", e: "é", i: "í", o: "ö", u: "ü" };

/** The n-th word of the vocabulary (0 is the most common), as stored and as typed. */
export function word(n: number): { stored: string; typed: string } {
  let typed = "";
  let v = n + SYLLABLES.length; // at least two syllables
  while (v > 0) {
    typed += SYLLABLES[v % SYLLABLES.length];
    v = Math.floor(v / SYLLABLES.length);
  }
  const stored = n % 5 === 2 ? typed.replace(/[aeiou]/, (c) => ACCENTED[c]!) : typed;
  return { stored, typed };
}

/** Cumulative Zipf weights (s = 1), for drawing a word rank with a binary search. */
function zipf(size: number): Float64Array {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cumulative[r] = sum += 1 / (r + 1);
  for (let r = 0; r < size; r++) cumulative[r]! /= sum;
  return cumulative;
}

function draw(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The ISBN-13 of record n (half the records have one). */
export const isbnOf = (n: number): string | null => {
  if (n % 2 !== 0) return null;
  const body = `978${String(n).padStart(9, "0")}`;
  return body + isbn13CheckDigit(body);
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function migrationsHash(): string {
  const hash = createHash("sha256");
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  const dir = path.join(here, "..", "src", "db", "migrations");
  for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  return hash.digest("hex").slice(0, 12);
}

export interface GeneratedCatalogue {
  file: string;
  institutionCode: string;
  /** seconds spent generating, or null when the cached file was used */
  generatedSeconds: number | null;
}

/** The cached catalogue file, built first if there is none for this generator and schema. */
export async function generatedCatalogue(log: (line: string) => void): Promise<GeneratedCatalogue> {
  const dir = path.join(here, "results");
  const file = path.join(dir, `catalogue-${RECORDS}-${migrationsHash()}.db`);
  const institutionCode = "SEARCHBENCH";
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
    { code: institutionCode, name: "Search Bench University" },
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

  const rng = new Prng(SEED);
  const cumulative = zipf(VOCABULARY);
  const words = Array.from({ length: VOCABULARY }, (_, n) => word(n).stored);
  const pick = () => words[draw(cumulative, rng.next())]!;
  const phrase = (min: number, max: number) => Array.from({ length: rng.int(min, max) }, pick).join(" ");
  const surnames = Array.from({ length: 5000 }, (_, i) => capital(word(i * 3 + 1).stored));
  const forenames = Array.from({ length: 400 }, (_, i) => capital(word(i * 7 + 5).stored));
  const subjects = Array.from({ length: 500 }, () => `${capital(phrase(1, 2))} -- ${capital(phrase(1, 1))}`);
  const publishers = Array.from({ length: 200 }, () => `${capital(phrase(1, 2))} Press`);
  const types = ["BOOK", "BOOK", "BOOK", "BOOK", "BOOK", "BOOK", "BOOK", "JOURNAL", "SCORE", "MAP"];

  const bibColumns =
    "institution_id, title, author, publisher, publication_date, publication_year, edition, isbn, issn, language, material_type, extent, page_count, identifiers, subjects, created_at, updated_at";
  const insertBibs = db.prepare(
    `insert into bibs (${bibColumns}) values ${Array(BATCH)
      .fill(`(${Array(17).fill("?").join(", ")})`)
      .join(", ")}`,
  );
  // the library follows the record number, so that a filter's share is known: a third each
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
      const year = rng.int(1800, 2025);
      values.push(
        institutionId,
        capital(phrase(2, 8)),
        `${rng.pick(surnames)}, ${rng.pick(forenames)}`,
        rng.pick(publishers),
        String(year),
        year,
        null,
        isbnOf(n),
        null,
        "eng",
        types[n % types.length],
        `${rng.int(50, 900)} p.`,
        null,
        JSON.stringify({ oclc: String(1_000_000 + n) }),
        Array.from({ length: rng.int(1, 3) }, () => rng.pick(subjects)).join("; "),
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

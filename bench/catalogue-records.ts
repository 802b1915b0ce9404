import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isbn13CheckDigit } from "../src/catalogue/standard-numbers.js";
import { Prng } from "../src/demo/prng.js";

/*
 * The records of the search benchmark's generated catalogue, the same for every database so
 * that SQLite and PostgreSQL figures compare: one seeded generator, one vocabulary, one order.
 *
 * Words are pseudo-words drawn with a Zipf distribution (as words in real titles are), so
 * the benchmark can ask for words by how common they are. One word in five carries an accent,
 * which queries leave out.
 */

/** BENCH_SEARCH_RECORDS shrinks the catalogue for a quick look; published figures use a million. */
export const RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 1_000_000);

/** The generators write whole batches; called when one starts rather than on import, so other scenarios still run. */
export function checkRecordCount(): void {
  if (!Number.isInteger(RECORDS) || RECORDS < 1000 || RECORDS % 1000 !== 0) {
    throw new Error(`BENCH_SEARCH_RECORDS must be a whole number of thousands, at least 1000; got ${RECORDS}`);
  }
}
export const VOCABULARY = 20_000;
/** Record n is held by LIBRARIES[n % 3], so that a library filter's share is known: a third each. */
export const LIBRARIES = ["MAIN", "LAW", "SCI"] as const;
export const INSTITUTION_CODE = "SEARCHBENCH";
export const INSTITUTION_NAME = "Search Bench University";
const SEED = 20260301;

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

/** One generated record, by bibs column; the columns left out are null. */
export interface CatalogueRecord {
  title: string;
  author: string;
  publisher: string;
  publication_date: string;
  publication_year: number;
  isbn: string | null;
  language: string;
  material_type: string;
  extent: string;
  identifiers: string;
  subjects: string;
}

/** Records 0, 1, 2, ... in order; record n has the n-th bib id of the catalogue. */
export function* catalogueRecords(count: number = RECORDS): Generator<CatalogueRecord> {
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
  for (let n = 0; n < count; n++) {
    // the draws are in the order the first generator made them: changing it changes every record
    const year = rng.int(1800, 2025);
    const title = capital(phrase(2, 8));
    const author = `${rng.pick(surnames)}, ${rng.pick(forenames)}`;
    const publisher = rng.pick(publishers);
    const extent = `${rng.int(50, 900)} p.`;
    yield {
      title,
      author,
      publisher,
      publication_date: String(year),
      publication_year: year,
      isbn: isbnOf(n),
      language: "eng",
      material_type: types[n % types.length]!,
      extent,
      identifiers: JSON.stringify({ oclc: String(1_000_000 + n) }),
      subjects: Array.from({ length: rng.int(1, 3) }, () => rng.pick(subjects)).join("; "),
    };
  }
}

/**
 * A short hash of what a cached catalogue depends on: this file, the generator that wrote it,
 * and the migrations. A change to any of them builds a new one.
 */
export function catalogueHash(generatorUrl: string): string {
  const hash = createHash("sha256");
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  hash.update(fs.readFileSync(fileURLToPath(generatorUrl)));
  const dir = path.join(here, "..", "src", "db", "migrations");
  for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  return hash.digest("hex").slice(0, 12);
}

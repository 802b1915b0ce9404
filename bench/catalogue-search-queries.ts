import { randomBytes } from "node:crypto";
import { issueApiKey } from "../src/people/api-keys.js";
import { isbnOf, RECORDS, VOCABULARY, word } from "./catalogue-records.js";
import { FIGURES, type Figure, type FigureDatabase, type Measurement, type ScenarioRun } from "./scenario.js";
import type { BenchServer } from "./server.js";

/*
 * The queries of the catalogue search scenarios, the same on every database. Each kind of query
 * is asked QUERIES times, one at a time over one keep-alive connection, with different words
 * each time: latency, not throughput, is the figure. Every answer is checked (status, and a hit
 * where one must exist).
 */

export const QUERIES = 100;
const WARMUP = 5;

interface QueryKind {
  label: string;
  /** the n-th query string (after `?`) */
  query(n: number): string;
  /** the answer must hold at least one record */
  mustFind: boolean;
}

const q = (s: string) => `q=${encodeURIComponent(s)}`;
const band = (from: number, to: number, n: number) => word(from + ((n * 7919) % (to - from))).typed;
const hyphenated = (isbn: string) =>
  `${isbn.slice(0, 3)}-${isbn.slice(3, 4)}-${isbn.slice(4, 7)}-${isbn.slice(7, 12)}-${isbn.slice(12)}`;
// Records spread over the whole catalogue, even-numbered so that each has an ISBN.
const recordNumber = (n: number) => (((n * 104_729) % RECORDS) >> 1) << 1;

function kinds(samples: { title: string; author: string }[]): QueryKind[] {
  const sample = (n: number) => samples[n % samples.length]!;
  return [
    // the floor: the same endpoint and authentication without a search
    { label: "listing without q (floor)", query: (n) => `material_type=${n % 2 ? "BOOK" : "MAP"}`, mustFind: true },
    { label: "keyword, a top-10 word", query: (n) => q(band(0, 10, n)), mustFind: true },
    { label: "keyword, word of rank 100-1000", query: (n) => q(band(100, 1000, n)), mustFind: false },
    { label: "keyword, rare word (rank > 10000)", query: (n) => q(band(10_000, VOCABULARY, n)), mustFind: false },
    {
      label: "keyword, two words (rank 10-500)",
      query: (n) => q(`${band(10, 500, n)} ${band(10, 500, n + 17)}`),
      mustFind: false,
    },
    {
      label: "title phrase (two words)",
      query: (n) => q(`title:"${sample(n).title.split(" ").slice(0, 2).join(" ")}"`),
      mustFind: true,
    },
    { label: "author surname", query: (n) => q(`author:${sample(n).author.split(",")[0]}`), mustFind: true },
    { label: "subject word", query: (n) => q(`subject:${band(50, 2000, n)}`), mustFind: false },
    { label: "isbn: with hyphens", query: (n) => q(`isbn:${hyphenated(isbnOf(recordNumber(n))!)}`), mustFind: true },
    { label: "id: OCLC number", query: (n) => q(`id:${1_000_000 + recordNumber(n)}`), mustFind: true },
    {
      label: "keyword + library + material type",
      query: (n) => `${q(band(10, 200, n))}&library=LAW&material_type=JOURNAL`,
      mustFind: false,
    },
  ];
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function measure(server: BenchServer, apiKey: string, kind: QueryKind): Promise<[Measurement, number]> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const unexpected: Record<string, number> = {};
  let sample: string | null = null;
  let accepted = 0;
  let errors = 0;
  const latencies: number[] = [];
  for (let n = 0; n < WARMUP + QUERIES; n++) {
    const path = `/api/v1/bibs?${kind.query(n)}&limit=20`;
    const started = performance.now();
    try {
      const res = await fetch(`${server.baseUrl}${path}`, { headers });
      const body = await res.text();
      if (n >= WARMUP) latencies.push(performance.now() - started);
      const empty = res.status === 200 && kind.mustFind && (JSON.parse(body) as { bibs: unknown[] }).bibs.length === 0;
      const status = empty ? "200 without a hit" : String(res.status);
      if (status === "200") accepted++;
      else {
        unexpected[status] = (unexpected[status] ?? 0) + 1;
        sample ??= `${status} for ${path}: ${body.slice(0, 300)}`;
      }
    } catch {
      errors++;
    }
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = latencies.reduce((sum, v) => sum + v, 0);
  const measurement: Measurement = {
    label: kind.label,
    rps: total > 0 ? latencies.length / (total / 1000) : 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    answers: latencies.length,
    accepted,
    unexpected,
    errors,
    sample,
  };
  return [measurement, percentile(sorted, 95)];
}

/** Every kind of query against a server on a generated catalogue, as a searching patron would. */
export async function measureCatalogueSearch(
  server: BenchServer,
  institutionCode: string,
  database: FigureDatabase,
): Promise<ScenarioRun> {
  const { db, clock } = server.ctx;
  const institution = await db
    .selectFrom("institutions")
    .select("id")
    .where("code", "=", institutionCode)
    .executeTakeFirstOrThrow();
  const at = clock.now().toISOString();
  const primaryId = `searcher-${randomBytes(4).toString("hex")}`;
  const user = await db
    .insertInto("users")
    .values({
      institution_id: institution.id,
      primary_id: primaryId,
      first_name: "Bench",
      last_name: "Searcher",
      email: null,
      user_group_id: null,
      preferred_language: null,
      status: "ACTIVE",
      expiry_date: null,
      password_hash: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const key = await issueApiKey(db, { id: user.id, institution_id: institution.id }, "bench", clock.now());
  const samples = await db
    .selectFrom("bibs")
    .select(["title", "author"])
    .where("institution_id", "=", institution.id)
    .where(
      "id",
      "in",
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => 1 + ((i * 123_457) % RECORDS)),
    )
    .execute();

  const measurements: Measurement[] = [];
  const ratios: Record<string, number> = {};
  for (const kind of kinds(samples.map((s) => ({ title: s.title, author: s.author ?? "" })))) {
    const [m, p95] = await measure(server, key.key, kind);
    measurements.push(m);
    ratios[`${kind.label}: p95 ms`] = p95;
  }
  const p95Figure = (figure: string, label: string): Figure[] =>
    ratios[`${label}: p95 ms`] === undefined
      ? []
      : [{ figure, database, value: ratios[`${label}: p95 ms`]!, unit: "ms", goal: { atMost: 50 } }];
  const figures = [
    ...p95Figure(FIGURES.searchTopWordP95, "keyword, a top-10 word"),
    ...p95Figure(FIGURES.searchFilteredP95, "keyword + library + material type"),
  ];
  return { measurements, ratios, figures };
}

/*
 * The bench's contract. A scenario file exports `scenario: Scenario`; run.ts repeats it and
 * prints each scenario's rows, then ONE table of figures (issue 14) across all scenarios.
 *
 * Figures (optional, backward-compatible: a scenario that returns none still runs and still
 * prints its rows). A run may return `figures: Figure[]`, one per headline number it measured:
 *
 *   figures: [{
 *     figure: FIGURES.placementRps,   // the name for the figure (see FIGURES)
 *     database: "SQLite",             // or "PostgreSQL", or null when none is involved
 *     value: 1234, unit: "req/s",     // Recto's number
 *     reference: 5000,                // the same measure of the reference, IN THE SAME RUN
 *     referenceName: "bare Fastify + better-sqlite3 INSERT",
 *     goal: { ratioAtLeast: 0.4 },    // and/or atMost / atLeast on the value itself
 *   }]
 *
 * The ratio is value / reference (references are throughputs: higher is better for both).
 * run.ts takes the median of value and reference across runs, figure by figure (matched on
 * figure + database), and marks it met when every bound in its goal holds. Every entry of
 * FIGURES gets a line in the table, "not measured" when no scenario filled it.
 */

/** What every bench scenario file exports as `scenario`; run.ts repeats and summarises it. */
export interface Scenario {
  name: string;
  description: string;
  /** Why the scenario cannot run here (e.g. no database server), checked before it runs; null when it can. */
  unavailable?(): Promise<string | null>;
  /** One complete, independent run: set up, measure, tear down. */
  run(settings: LoadSettings): Promise<ScenarioRun>;
}

/** The load shape, the same for every row of a run so that rows compare. */
export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** One measured load against one endpoint. Latencies are milliseconds. */
export interface Measurement {
  label: string;
  rps: number;
  p50: number;
  /** when the driver measured it (autocannon's histogram stops at 90 and 97.5) */
  p95?: number;
  p99: number;
  /** answers counted in the measured window (warm-up excluded) */
  answers: number;
  /** answers with the expected status, warm-up included: what the server must have written */
  accepted: number;
  /** every answer whose status was not the expected one, warm-up included, by status */
  unexpected: Record<string, number>;
  /** connection errors and timeouts, warm-up included */
  errors: number;
  /** the first unexpected answer's body, to say why without a rerun */
  sample: string | null;
}

/** The bounds a figure must meet; every one given must hold. */
export interface Goal {
  /** value / reference at least this */
  ratioAtLeast?: number;
  atMost?: number;
  atLeast?: number;
}

export type FigureDatabase = "SQLite" | "PostgreSQL" | null;

/** One headline number of a run, beside its reference measured in the same run (see the top). */
export interface Figure {
  figure: string;
  database: FigureDatabase;
  value: number;
  unit: string;
  reference?: number;
  referenceName?: string;
  goal: Goal;
}

export interface ScenarioRun {
  measurements: Measurement[];
  /** figures derived within the run, e.g. a ratio of two rows' rps measured minutes apart */
  ratios: Record<string, number>;
  /** the headline figures this run measured, for the one table (optional) */
  figures?: Figure[];
}

/** The issue's figures (issue 14's table and its wanted list): scenarios name theirs with these. */
export const FIGURES = {
  placementRps: "POST /api/v1/requests, 16 connections, req/s",
  placementP99: "POST /api/v1/requests, 16 connections, p99 ms",
  searchTopWordP95: "catalogue search, 1M records, a top-10 word, p95 ms",
  searchFilteredP95: "keyword + library + material type, 1M records, p95 ms",
  marcImport: "MARC import (parse, MARC-8, store, index), records/s",
  linkDownload: "download through a link, 100 MB, 4 clients, MB/s",
  memoryIdle: "server memory after start, MB RSS",
  memoryUnderLoad: "server memory under placement load, 1M requests stored, MB RSS",
  requestListP95: "request list at 1M requests, p95 ms",
  queueFirstPageP95: "a work queue's first page at 1M requests, slowest queue's p95 ms",
} as const;

/** Every figure the table must show, with its goal, in the order. */
export const EXPECTED_FIGURES: { figure: string; database: FigureDatabase; goal: Goal }[] = [
  { figure: FIGURES.placementRps, database: "SQLite", goal: { ratioAtLeast: 0.4 } },
  { figure: FIGURES.placementP99, database: "SQLite", goal: { atMost: 25 } },
  { figure: FIGURES.placementRps, database: "PostgreSQL", goal: { ratioAtLeast: 0.4 } },
  { figure: FIGURES.placementP99, database: "PostgreSQL", goal: { atMost: 25 } },
  { figure: FIGURES.searchTopWordP95, database: "SQLite", goal: { atMost: 50 } },
  { figure: FIGURES.searchTopWordP95, database: "PostgreSQL", goal: { atMost: 50 } },
  { figure: FIGURES.searchFilteredP95, database: "SQLite", goal: { atMost: 50 } },
  { figure: FIGURES.searchFilteredP95, database: "PostgreSQL", goal: { atMost: 50 } },
  { figure: FIGURES.marcImport, database: "SQLite", goal: { ratioAtLeast: 0.5 } },
  { figure: FIGURES.marcImport, database: "PostgreSQL", goal: { ratioAtLeast: 0.5 } },
  { figure: FIGURES.linkDownload, database: null, goal: { ratioAtLeast: 0.8 } },
  { figure: FIGURES.memoryIdle, database: null, goal: { atMost: 150 } },
  { figure: FIGURES.memoryUnderLoad, database: "SQLite", goal: { atMost: 300 } },
  { figure: FIGURES.memoryUnderLoad, database: "PostgreSQL", goal: { atMost: 300 } },
  { figure: FIGURES.requestListP95, database: "SQLite", goal: { atMost: 30 } },
  { figure: FIGURES.requestListP95, database: "PostgreSQL", goal: { atMost: 30 } },
  { figure: FIGURES.queueFirstPageP95, database: "SQLite", goal: { atMost: 30 } },
  { figure: FIGURES.queueFirstPageP95, database: "PostgreSQL", goal: { atMost: 30 } },
];

export const isClean = (m: Measurement): boolean => m.errors === 0 && Object.keys(m.unexpected).length === 0;

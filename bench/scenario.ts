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

export interface ScenarioRun {
  measurements: Measurement[];
  /** figures derived within the run, e.g. a ratio of two rows' rps measured minutes apart */
  ratios: Record<string, number>;
}

export const isClean = (m: Measurement): boolean => m.errors === 0 && Object.keys(m.unexpected).length === 0;

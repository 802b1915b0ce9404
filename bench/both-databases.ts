import { BENCH_PG_URL_SHOWN, postgresUnavailable } from "./catalogue-generate-pg.js";
import type { ScenarioRun } from "./scenario.js";

/**
 * One scenario run on SQLite, then on PostgreSQL at BENCH_PG_URL when a server answers there
 * (said and skipped otherwise), as one run: rows, ratios and figures of both.
 */
export async function onBothDatabases(measure: (dialect: "sqlite" | "postgres") => Promise<ScenarioRun>) {
  const sqlite = await measure("sqlite");
  const why = await postgresUnavailable();
  if (why !== null) {
    console.log(`  PostgreSQL part skipped: no server at BENCH_PG_URL=${BENCH_PG_URL_SHOWN} (${why})`);
    return sqlite;
  }
  const postgres = await measure("postgres");
  return {
    measurements: [...sqlite.measurements, ...postgres.measurements],
    ratios: { ...sqlite.ratios, ...postgres.ratios },
    figures: [...(sqlite.figures ?? []), ...(postgres.figures ?? [])],
  };
}

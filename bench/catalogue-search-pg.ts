import { BENCH_PG_URL_SHOWN, generatedPgCatalogue, postgresUnavailable } from "./catalogue-generate-pg.js";
import { RECORDS } from "./catalogue-records.js";
import { measureCatalogueSearch, QUERIES } from "./catalogue-search-queries.js";
import type { Scenario } from "./scenario.js";
import { startBenchServer } from "./server.js";

/*
 * The catalogue-search scenario on PostgreSQL (tsvector + unaccent, migration 009): the same
 * records and the same queries, so that the two compare row by row.
 */

export const scenario: Scenario = {
  name: "catalogue-search-pg",
  description: `GET /api/v1/bibs?q= on PostgreSQL (tsvector), ${RECORDS} generated records, ${QUERIES} queries per row one at a time (p95 below)`,
  async unavailable() {
    const why = await postgresUnavailable();
    return why === null ? null : `no PostgreSQL server at BENCH_PG_URL=${BENCH_PG_URL_SHOWN} (${why})`;
  },
  async run() {
    const catalogue = await generatedPgCatalogue((line) => console.log(line));
    if (catalogue.generatedSeconds !== null) {
      console.log(
        `  catalogue generated in ${catalogue.generatedSeconds.toFixed(0)} s (database ${catalogue.database}, cached for later runs)`,
      );
    }
    const server = await startBenchServer(async () => {}, { databaseUrl: catalogue.url });
    try {
      return await measureCatalogueSearch(server, catalogue.institutionCode, "PostgreSQL");
    } finally {
      await server.stop();
    }
  },
};

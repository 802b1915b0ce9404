import { generatedCatalogue } from "./catalogue-generate.js";
import { RECORDS } from "./catalogue-records.js";
import { measureCatalogueSearch, QUERIES } from "./catalogue-search-queries.js";
import type { Scenario } from "./scenario.js";
import { startBenchServer } from "./server.js";

/* Search latency on SQLite (FTS5), on the generated catalogue of catalogue-generate.ts. */

export const scenario: Scenario = {
  name: "catalogue-search",
  description: `GET /api/v1/bibs?q= on SQLite (FTS5), ${RECORDS} generated records, ${QUERIES} queries per row one at a time (p95 below)`,
  async run() {
    const catalogue = await generatedCatalogue((line) => console.log(line));
    if (catalogue.generatedSeconds !== null) {
      console.log(`  catalogue generated in ${catalogue.generatedSeconds.toFixed(0)} s (cached for later runs)`);
    }
    const server = await startBenchServer(async () => {}, { databaseFile: catalogue.file });
    try {
      return await measureCatalogueSearch(server, catalogue.institutionCode, "SQLite");
    } finally {
      await server.stop();
    }
  },
};

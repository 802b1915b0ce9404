import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_PG_URL_SHOWN, postgresUnavailable } from "./catalogue-generate-pg.js";
import { drive } from "./load.js";
import { startReferenceServer } from "./reference-server.js";
import {
  FIGURES,
  type Figure,
  type LoadSettings,
  type Measurement,
  type Scenario,
  type ScenarioRun,
} from "./scenario.js";
import { withScratchPg } from "./scratch-pg.js";
import { seedInstitution } from "./seed.js";
import { startBenchServer } from "./server.js";

const PATRONS = 300;
const TITLES = 3000;
const PAGES = [{ from_page: "1", to_page: "10" }];

/** Waits for requests still in flight when the load stopped, then reads the row count. */
async function settledCount(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await count();
    if (now === last) return now;
    last = now;
  }
}

/**
 * Every accepted answer must have written its row. Up to one request per connection per
 * phase may have been processed after autocannon stopped listening, hence the slack.
 */
export function checkRows(m: Measurement, rows: number, connections: number): void {
  if (rows < m.accepted || rows > m.accepted + 2 * connections) {
    throw new Error(`${m.label}: ${m.accepted} answers said created but the database holds ${rows} rows.`);
  }
}

type Database = "SQLite" | "PostgreSQL";

/** Recto's placement, then the bare reference, one after the other on the same kind of database. */
async function measure(database: Database, settings: LoadSettings, pgUrl: string | null): Promise<ScenarioRun> {
  const server = await startBenchServer(undefined, pgUrl ? { databaseUrl: pgUrl } : {});
  let placement: Measurement;
  try {
    const seeded = await seedInstitution(server.ctx, { patrons: PATRONS, titles: TITLES });
    // Consecutive requests come from different patrons for different titles.
    placement = await drive(server.baseUrl, settings, {
      label: `${database}: place request`,
      method: "POST",
      path: "/api/v1/requests",
      expectStatus: 201,
      cycle: TITLES,
      request: (n) => ({
        headers: { authorization: `Bearer ${seeded.patrons[n % PATRONS]!.apiKey}` },
        body: JSON.stringify({ mms_id: String(seeded.mmsIds[n % TITLES]), required_pages_range: PAGES }),
      }),
    });
    const requests = await settledCount(async () => {
      const row = await server.ctx.db
        .selectFrom("requests")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("institution_id", "=", seeded.institutionId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
    checkRows(placement, requests, settings.connections);
  } finally {
    await server.stop();
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-reference-"));
  const reference = await startReferenceServer(pgUrl ? "postgres" : "sqlite", pgUrl ?? path.join(dir, "reference.db"));
  let bare: Measurement;
  try {
    bare = await drive(reference.baseUrl, settings, {
      label: `${database}: reference, one INSERT`,
      method: "POST",
      path: "/insert",
      expectStatus: 201,
      cycle: 1,
      request: () => ({ headers: {}, body: "{}" }),
    });
    checkRows(bare, await settledCount(() => reference.rows()), settings.connections);
  } finally {
    await reference.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const referenceName = `Fastify + ${database === "SQLite" ? "better-sqlite3" : "pg pool"}, one INSERT`;
  const figures: Figure[] = [
    {
      figure: FIGURES.placementRps,
      database,
      value: placement.rps,
      unit: "req/s",
      reference: bare.rps,
      referenceName,
      goal: { ratioAtLeast: 0.4 },
    },
    { figure: FIGURES.placementP99, database, value: placement.p99, unit: "ms", goal: { atMost: 25 } },
  ];
  return {
    measurements: [placement, bare],
    ratios: { [`${database}: placement / reference rps`]: bare.rps > 0 ? placement.rps / bare.rps : 0 },
    figures,
  };
}

export const scenario: Scenario = {
  name: "request-placement",
  description:
    `POST /api/v1/requests, ${PATRONS} patrons x ${TITLES} titles, on SQLite and PostgreSQL (when a server ` +
    `answers at BENCH_PG_URL=${BENCH_PG_URL_SHOWN}), each vs. a bare Fastify + driver INSERT in its own process`,
  async run(settings) {
    const sqlite = await measure("SQLite", settings, null);
    if ((await postgresUnavailable()) !== null) return sqlite;
    const postgres = await withScratchPg("placement", (url) => measure("PostgreSQL", settings, url));
    return {
      measurements: [...sqlite.measurements, ...postgres.measurements],
      ratios: { ...sqlite.ratios, ...postgres.ratios },
      figures: [...sqlite.figures!, ...postgres.figures!],
    };
  },
};

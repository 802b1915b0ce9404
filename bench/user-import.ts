import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Config } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createInstitution } from "../src/organisation/create-institution.js";
import { importUsers } from "../src/people/user-import/import-users.js";
import { insertUserGroup } from "../src/people/user-groups-repository.js";
import { postgresUnavailable } from "./catalogue-generate-pg.js";
import type { Measurement, Scenario } from "./scenario.js";
import { withScratchPg } from "./scratch-pg.js";

/*
 * Loading patrons in bulk (issue: sign-on, point 4): a CSV of 10,000 patrons, one in a hundred
 * rows bad, loaded into a new institution (all created), then loaded again with every group and
 * expiry changed (all updated), on SQLite and PostgreSQL. Goal: each load under 30 s, the bad
 * rows reported. "req/s" is records per second.
 */

const PATRONS = 10_000;
const GOAL_SECONDS = 30;
const GROUPS = ["UNDERGRAD", "GRAD", "FACULTY", "STAFF"];

function patronsCsv(expiry: string, groupShift: number): Buffer {
  const lines = ["primary_id,first_name,last_name,email,user_group,preferred_language,expiry_date,status,barcode"];
  for (let i = 0; i < PATRONS; i++) {
    const bad = i % 100 === 99;
    const group = GROUPS[(i + groupShift) % GROUPS.length];
    lines.push(
      [
        `s${String(i).padStart(7, "0")}`,
        `First${i}`,
        `"Last, ${i}"`,
        bad ? "not-an-email" : `s${i}@campus.example.edu`,
        group,
        i % 3 === 0 ? "fr" : "en",
        expiry,
        "ACTIVE",
        `B${i}`,
      ].join(","),
    );
  }
  return Buffer.from(lines.join("\n"));
}

async function load(label: string, database: Config["database"]): Promise<{ m: Measurement[]; seconds: number[] }> {
  const opened = openDatabase(database);
  try {
    await migrateToLatest(opened.db, opened.dialect);
    const { id } = await createInstitution(opened.db, { code: "BENCH", name: "Bench" }, new Date());
    for (const code of GROUPS) await insertUserGroup(opened.db, id, { code, name: code }, new Date().toISOString());
    const m: Measurement[] = [];
    const seconds: number[] = [];
    for (const [what, bytes] of [
      ["created", patronsCsv("2027-06-30", 0)],
      ["updated", patronsCsv("2028-06-30", 1)],
    ] as const) {
      const started = performance.now();
      const report = await importUsers(opened.db, id, [{ name: "patrons.csv", bytes }], {
        dryRun: false,
        expireMissing: true,
        now: new Date(),
      });
      const ms = performance.now() - started;
      seconds.push(ms / 1000);
      const expected = PATRONS - PATRONS / 100;
      const loaded = what === "created" ? report.created : report.updated;
      m.push({
        label: `${label}: ${PATRONS} patrons ${what}`,
        rps: PATRONS / (ms / 1000),
        p50: ms,
        p99: ms,
        answers: report.records,
        accepted: loaded,
        unexpected:
          loaded === expected && report.problems.length === PATRONS / 100
            ? {}
            : { [`${loaded} ${what}, ${report.problems.length} problems`]: 1 },
        errors: 0,
        sample: report.problems[0] ? JSON.stringify(report.problems[0]) : null,
      });
    }
    return { m, seconds };
  } finally {
    await opened.close();
  }
}

export const scenario: Scenario = {
  name: "user-import",
  description: `a CSV of ${PATRONS} patrons (1 row in 100 bad) loaded, then loaded again changed; p50 is the load's ms (goal: under ${GOAL_SECONDS} s each)`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-users-"));
    const measurements: Measurement[] = [];
    const ratios: Record<string, number> = {};
    try {
      const sqlite = await load("SQLite", { dialect: "sqlite", file: path.join(dir, "recto.db") });
      measurements.push(...sqlite.m);
      ratios[`SQLite seconds to create (goal < ${GOAL_SECONDS})`] = sqlite.seconds[0]!;
      ratios[`SQLite seconds to update (goal < ${GOAL_SECONDS})`] = sqlite.seconds[1]!;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const why = await postgresUnavailable();
    if (why === null) {
      const postgres = await withScratchPg("users", (url) => load("PostgreSQL", { dialect: "postgres", url }));
      measurements.push(...postgres.m);
      ratios[`PostgreSQL seconds to create (goal < ${GOAL_SECONDS})`] = postgres.seconds[0]!;
      ratios[`PostgreSQL seconds to update (goal < ${GOAL_SECONDS})`] = postgres.seconds[1]!;
    } else {
      console.log(`  PostgreSQL part skipped: no server at BENCH_PG_URL (${why})`);
    }
    return { measurements, ratios };
  },
};

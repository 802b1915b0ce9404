import os from "node:os";
import { defineConfig } from "vitest/config";
import { databaseFreeTestFiles } from "./test/database-free-files.js";
import { ISOLATED } from "./test/isolated-files.js";
import { postgresAvailable, TEST_PG_ADMIN_URL } from "./test/pg-probe.js";

// The suite runs once per database: SQLite always, PostgreSQL when a server answers.
export default defineConfig(async () => {
  const withPg = process.env.RECTO_TEST_SKIP_PG !== "1" && (await postgresAvailable());
  if (!withPg) {
    console.warn(
      `PostgreSQL run skipped: no server at ${TEST_PG_ADMIN_URL}. Start one (or set TEST_PG_ADMIN_URL) to run the suite on PostgreSQL too.`,
    );
  }
  const notPgOnly = ["src/**/!(*.pg).test.ts", "test/**/!(*.pg).test.ts"];
  const all = ["src/**/*.test.ts", "test/**/*.test.ts"];
  const notIsolated = ISOLATED.map((file) => `!${file}`);
  // A file that never reaches the run's database does the same on both: it runs on SQLite only.
  const databaseFree = withPg ? databaseFreeTestFiles(import.meta.dirname) : [];
  return {
    test: {
      // Two workers at least, even on two cores (vitest's default would be one there): much of a
      // test file's time is spent waiting (on PostgreSQL, Chromium, child processes, the file
      // system), and a second worker fills it. RECTO_TEST_WORKERS sets the number.
      maxWorkers: Number(process.env.RECTO_TEST_WORKERS) || Math.max(2, os.availableParallelism() - 1),
      projects: [
        // A *.pg.test.ts file tests what only PostgreSQL has: it runs in the PostgreSQL projects alone.
        // Includes, not excludes: a project's exclude would replace the command line's (CI runs
        // `--exclude test/browser/**` on the other Node versions).
        project("sqlite", { name: "sqlite", isolate: false, include: [...notPgOnly, ...notIsolated] }),
        project("sqlite", {
          name: "sqlite-isolated",
          isolate: true,
          include: ISOLATED.filter((f) => !f.endsWith(".pg.test.ts")),
        }),
        ...(withPg
          ? [
              project("postgres", {
                name: "postgres",
                isolate: false,
                include: [...all, ...notIsolated, ...databaseFree.map((file) => `!${file}`)],
              }),
              project("postgres", {
                name: "postgres-isolated",
                isolate: true,
                include: ISOLATED.filter((file) => !databaseFree.includes(file)),
              }),
            ]
          : []),
      ],
    },
  };
});

const TIMEOUTS = { testTimeout: 90_000, hookTimeout: 60_000 };

/** A project of the suite: its files, on SQLite or on PostgreSQL, with or without isolation. */
function project(db: "sqlite" | "postgres", p: { name: string; isolate: boolean; include: string[] }) {
  return {
    test: {
      ...p,
      ...TIMEOUTS,
      env: { RECTO_TEST_DB: db },
      globalSetup: [db === "sqlite" ? "test/sqlite-global-setup.ts" : "test/pg-global-setup.ts"],
      // The browser tests drive the pages, which do not depend on the database: SQLite only.
      ...(db === "postgres" ? { exclude: ["test/browser/**", "node_modules/**"] } : {}),
    },
  };
}

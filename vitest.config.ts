import os from "node:os";
import { defineConfig } from "vitest/config";
import { postgresAvailable, TEST_PG_ADMIN_URL } from "./test/pg-probe.js";

// The suite runs once per database: SQLite always, PostgreSQL when a server answers.
export default defineConfig(async () => {
  const withPg = process.env.RECTO_TEST_SKIP_PG !== "1" && (await postgresAvailable());
  if (!withPg) {
    console.warn(
      `PostgreSQL run skipped: no server at ${TEST_PG_ADMIN_URL}. Start one (or set TEST_PG_ADMIN_URL) to run the suite on PostgreSQL too.`,
    );
  }
  const common = { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 90_000, hookTimeout: 60_000 };
  return {
    test: {
      // Two workers at least, even on two cores (vitest's default would be one there): much of a
      // test file's time is spent waiting (on PostgreSQL, Chromium, child processes, the file
      // system), and a second worker fills it. RECTO_TEST_WORKERS sets the number.
      maxWorkers: Number(process.env.RECTO_TEST_WORKERS) || Math.max(2, os.availableParallelism() - 1),
      projects: [
        // A *.pg.test.ts file tests what only PostgreSQL has: it runs in the PostgreSQL project alone.
        {
          test: {
            ...common,
            name: "sqlite",
            env: { RECTO_TEST_DB: "sqlite" },
            globalSetup: ["test/sqlite-global-setup.ts"],
            // An include, not an exclude: a project's exclude would replace the command line's
            // (CI runs `--exclude test/browser/**` on the other Node versions).
            include: ["src/**/!(*.pg).test.ts", "test/**/!(*.pg).test.ts"],
          },
        },
        ...(withPg
          ? [
              {
                test: {
                  ...common,
                  name: "postgres",
                  env: { RECTO_TEST_DB: "postgres" },
                  globalSetup: ["test/pg-global-setup.ts"],
                  // The browser tests drive the pages, which do not depend on the database: SQLite only.
                  exclude: ["test/browser/**", "node_modules/**"],
                },
              },
            ]
          : []),
      ],
    },
  };
});

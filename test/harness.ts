import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { afterAll, beforeAll, inject } from "vitest";
import { ManualClock } from "../src/clock.js";
import { loadConfig, type Config } from "../src/config.js";
import { openDatabase, type OpenedDb } from "../src/db/database.js";
import { buildApp } from "../src/server/app.js";
import type { AppContext } from "../src/server/context.js";
import { createLogger } from "../src/server/logger.js";
import type {} from "./provided-context.js";

export const testDialect = (): "sqlite" | "postgres" =>
  process.env.RECTO_TEST_DB === "postgres" ? "postgres" : "sqlite";

/**
 * The run's PostgreSQL scratch database for this worker (see pg-global-setup.ts): the files of one
 * worker share it, one after the other; files running at the same time never do.
 */
export function testPgUrl(): string {
  const urls = inject("pgUrls");
  const worker = Number(process.env.VITEST_POOL_ID ?? "1");
  const url = urls[worker - 1];
  if (!url) throw new Error(`no scratch database for vitest worker ${worker} (${urls.length} made)`);
  return url;
}

/**
 * A new SQLite database file at `file`, already at the latest version: a copy of the run's
 * migrated template (see sqlite-global-setup.ts).
 */
export function migratedSqliteFile(file: string): string {
  const template = inject("sqliteTemplate");
  fs.copyFileSync(template, file);
  // The template was closed cleanly, so it has no write-ahead log; copy one if it ever has.
  if (fs.existsSync(`${template}-wal`)) fs.copyFileSync(`${template}-wal`, `${file}-wal`);
  return file;
}

/** Opens the database for this test file: a fresh SQLite file, or the run's PostgreSQL scratch database. */
async function openTestDb(): Promise<OpenedDb & { filesDir: string; cleanup(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-test-"));
  const filesDir = path.join(dir, "files");
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  if (testDialect() === "postgres") {
    const opened = openDatabase({ dialect: "postgres", url: testPgUrl() }, { poolSize: 20 });
    return { ...opened, filesDir, cleanup };
  }
  const opened = openDatabase({ dialect: "sqlite", file: migratedSqliteFile(path.join(dir, "recto.db")) });
  return { ...opened, filesDir, cleanup };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  config: Config;
}

/**
 * Builds the real app on the real database once per test file. Tests isolate themselves by
 * creating their own institution (see factories.ts), never by truncating tables.
 */
export function useTestApp(
  overrides: Partial<Config> = {},
  options: { log?: FastifyBaseLogger | (() => FastifyBaseLogger) } = {},
): TestApp {
  const holder = {} as TestApp;
  let opened: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    opened = await openTestDb();
    const config: Config = {
      ...loadConfig({ LOG_LEVEL: "silent" }),
      filesDir: opened.filesDir,
      mailDir: path.join(path.dirname(opened.filesDir), "mail"),
      ...overrides,
    };
    const clock = new ManualClock(new Date("2026-03-02T09:00:00.000Z"));
    const ctx: AppContext = {
      config,
      db: opened.db,
      dialect: opened.dialect,
      clock,
      log:
        (typeof options.log === "function" ? options.log() : options.log) ??
        createLogger(process.env.RECTO_TEST_LOG ?? "silent"),
    };
    holder.ctx = ctx;
    holder.clock = clock;
    holder.config = config;
    holder.app = await buildApp(ctx);
    await holder.app.ready();
  });
  afterAll(async () => {
    await holder.app?.close();
    await opened?.close();
    opened?.cleanup();
  });
  return holder;
}

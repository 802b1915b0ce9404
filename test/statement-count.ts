import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { ManualClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, type OpenedDb } from "../src/db/database.js";
import { buildApp } from "../src/server/app.js";
import type { AppContext } from "../src/server/context.js";
import { createLogger } from "../src/server/logger.js";
import { migratedSqliteFile, testDialect, testPgUrl } from "./harness.js";
import type { TestApp } from "./harness.js";

export interface CountingApp extends Pick<TestApp, "app" | "ctx"> {
  /** Every statement (begin and commit included) that `fn` runs, in order. */
  statementsOf(fn: () => Promise<unknown>): Promise<string[]>;
}

/**
 * An app whose database connection records every statement it runs, for the tests that hold a
 * ceiling on what one HTTP request costs (placement, a work queue's page). RECTO_TEST_STATEMENTS=1
 * prints them.
 */
export function useCountingApp(): CountingApp {
  const holder = {} as CountingApp;
  let opened: OpenedDb;
  let dir: string;
  let recording: string[] | null = null;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-statements-"));
    const log = (event: { query: { sql: string } }) => {
      recording?.push(event.query.sql);
    };
    opened =
      testDialect() === "postgres"
        ? openDatabase({ dialect: "postgres", url: testPgUrl() }, { log })
        : openDatabase({ dialect: "sqlite", file: migratedSqliteFile(path.join(dir, "recto.db")) }, { log });
    holder.ctx = {
      config: {
        ...loadConfig({ LOG_LEVEL: "silent" }),
        filesDir: path.join(dir, "files"),
        mailDir: path.join(dir, "mail"),
      },
      db: opened.db,
      dialect: opened.dialect,
      clock: new ManualClock(new Date("2026-03-02T09:00:00.000Z")),
      log: createLogger("silent"),
    } satisfies AppContext;
    holder.app = await buildApp(holder.ctx);
    await holder.app.ready();
  });
  afterAll(async () => {
    await holder.app?.close();
    await opened?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  holder.statementsOf = async (fn) => {
    const statements: string[] = [];
    recording = statements;
    try {
      await fn();
    } finally {
      recording = null;
    }
    if (process.env.RECTO_TEST_STATEMENTS) console.warn(statements.map((s, i) => `${i + 1}. ${s}`).join("\n"));
    return statements;
  };
  return holder;
}

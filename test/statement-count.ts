import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, inject } from "vitest";
import { ManualClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, type OpenedDb } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { buildApp } from "../src/server/app.js";
import type { AppContext } from "../src/server/context.js";
import { createLogger } from "../src/server/logger.js";
import { testDialect } from "./harness.js";

interface CountedApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** every statement run by `count` (begin and commit included); RECTO_TEST_STATEMENTS=1 prints them */
  count<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
}

/** An app over a database whose statements can be counted (the tests that hold a statement ceiling). */
export function useCountedApp(): CountedApp {
  const holder = {} as CountedApp;
  let opened: OpenedDb;
  let dir: string;
  let counted: string[] | null = null;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-statements-"));
    const log = (event: { query: { sql: string } }) => {
      counted?.push(event.query.sql);
    };
    opened =
      testDialect() === "postgres"
        ? openDatabase({ dialect: "postgres", url: inject("pgUrl") }, { log })
        : openDatabase({ dialect: "sqlite", file: path.join(dir, "recto.db") }, { log });
    if (testDialect() === "sqlite") await migrateToLatest(opened.db, "sqlite");
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
    };
    holder.app = await buildApp(holder.ctx);
    await holder.app.ready();
  });
  afterAll(async () => {
    await holder.app?.close();
    await opened?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  holder.count = async (work) => {
    const statements: string[] = [];
    counted = statements;
    try {
      const result = await work();
      if (process.env.RECTO_TEST_STATEMENTS) console.warn(statements.map((s, i) => `${i + 1}. ${s}`).join("\n"));
      return { result, statements };
    } finally {
      counted = null;
    }
  };
  return holder;
}

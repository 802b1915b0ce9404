import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { systemClock } from "../src/clock.js";
import { loadConfig, type Config } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { buildApp } from "../src/server/app.js";
import type { AppContext } from "../src/server/context.js";

export interface BenchServer {
  ctx: AppContext;
  app: FastifyInstance;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real app on a fresh SQLite file (WAL, as openDatabase configures it), on `databaseFile`
 * (kept when the server stops), or on the PostgreSQL database at `databaseUrl`, listening on an
 * ephemeral loopback port. `extend` may add bench-only routes to the very same instance before it
 * starts, so they share its options, hooks and database.
 */
export async function startBenchServer(
  extend: (app: FastifyInstance, ctx: AppContext) => Promise<void> = async () => {},
  options: { databaseFile?: string; databaseUrl?: string } = {},
): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-"));
  const database: Config["database"] = options.databaseUrl
    ? { dialect: "postgres", url: options.databaseUrl }
    : { dialect: "sqlite", file: options.databaseFile ?? path.join(dir, "recto.db") };
  const opened = openDatabase(database);
  let app: FastifyInstance | null = null;
  try {
    await migrateToLatest(opened.db, opened.dialect);
    const config: Config = {
      ...loadConfig({ LOG_LEVEL: "silent" }),
      database,
      filesDir: path.join(dir, "files"),
    };
    const ctx: AppContext = {
      config,
      db: opened.db,
      dialect: opened.dialect,
      clock: systemClock,
      log: pino({ level: "silent" }),
    };
    const built = await buildApp(ctx);
    app = built;
    await extend(built, ctx);
    await built.listen({ host: "127.0.0.1", port: 0 });
    const { port } = built.server.address() as AddressInfo;
    return {
      ctx,
      app: built,
      baseUrl: `http://127.0.0.1:${port}`,
      async stop() {
        await built.close();
        await opened.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app?.close();
    await opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

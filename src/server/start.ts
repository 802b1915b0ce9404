import { systemClock, type Clock } from "../clock.js";
import type { Config } from "../config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { sealStoredSecrets } from "../secrets/seal-stored-secrets.js";
import { defaultJobs } from "../worker/jobs.js";
import { startWorker } from "../worker/scheduler.js";
import { buildApp } from "./app.js";
import type { AppContext } from "./context.js";
import { createLogger } from "./logger.js";

interface Running {
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

interface StartHooks {
  /** runs after migrations, before the server accepts connections (e.g. seeding the demo) */
  beforeListen?: (ctx: AppContext) => Promise<void>;
}

/** Opens the database, applies migrations, seals the stored secrets (or stops on a wrong key), serves the app, and runs the background jobs unless WORKER=off. */
export async function startServer(
  config: Config,
  clock: Clock = systemClock,
  hooks: StartHooks = {},
): Promise<Running> {
  const log = createLogger(config.logLevel);
  const opened = openDatabase(config.database);
  const { applied } = await migrateToLatest(opened.db, opened.dialect);
  if (applied.length) log.info({ applied }, "migrations applied");
  const ctx: AppContext = { config, db: opened.db, dialect: opened.dialect, clock, log };
  try {
    await sealStoredSecrets(ctx);
  } catch (err) {
    // A wrong secrets key stops the start (a ConfigError the command line prints without a stack).
    await opened.close();
    throw err;
  }
  const app = await buildApp(ctx);
  await hooks.beforeListen?.(ctx);
  await app.listen({ port: config.port, host: config.host });
  const worker = config.workerInProcess ? startWorker(ctx, defaultJobs(ctx)) : null;
  return {
    ctx,
    url: config.publicUrl,
    async stop() {
      await worker?.stop();
      await app.close();
      await opened.close();
    },
  };
}

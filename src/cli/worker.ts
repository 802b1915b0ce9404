import { systemClock } from "../clock.js";
import { loadConfig } from "../config.js";
import { limitHeapGrowth } from "../server/heap-growth.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import type { AppContext } from "../server/context.js";
import { closeRenderPools } from "../letters/render.js";
import { createLogger } from "../server/logger.js";
import { defaultJobs } from "../worker/jobs.js";
import { runJobsOnce, startWorker } from "../worker/scheduler.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";

export const workerCommand: CommandModule = {
  async run(args) {
    const { values } = parseOptions(args, { once: { type: "boolean", default: false } });
    const config = loadConfig();
    limitHeapGrowth(config.heapGrowthPercent);
    const log = createLogger(config.logLevel);
    const opened = openDatabase(config.database);
    try {
      await migrateToLatest(opened.db, opened.dialect);
      const ctx: AppContext = { config, db: opened.db, dialect: opened.dialect, clock: systemClock, log };
      const jobs = defaultJobs(ctx);
      if (values.once) {
        const outcomes = await runJobsOnce(ctx, jobs);
        for (const o of outcomes) {
          console.log(
            o.ok ? `${o.job}: ok ${JSON.stringify(o.result ?? null)}` : `${o.job}: FAILED ${String(o.error)}`,
          );
        }
        return outcomes.every((o) => o.ok) ? 0 : 1;
      }
      const worker = startWorker(ctx, jobs);
      console.log(`Worker running: ${jobs.map((j) => j.name).join(", ")}. Stop with Ctrl-C.`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      console.log("Stopping: waiting for running jobs to finish...");
      await worker.stop();
      return 0;
    } finally {
      await closeRenderPools();
      await opened.close();
    }
  },
};

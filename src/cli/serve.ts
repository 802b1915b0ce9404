import { systemClock } from "../clock.js";
import { loadConfig } from "../config.js";
import { limitHeapGrowth } from "../server/heap-growth.js";
import type { DemoSeedResult } from "../demo/seed-demo.js";
import { startServer } from "../server/start.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";

export const serveCommand: CommandModule = {
  async run(args) {
    const { values } = parseOptions(args, { demo: { type: "boolean", default: false } });
    const config = loadConfig();
    limitHeapGrowth(config.heapGrowthPercent);
    const demo: { seed?: DemoSeedResult } = {};
    // The demo code is loaded only for --demo.
    const demoCode = values.demo
      ? await Promise.all([import("../demo/seed-demo.js"), import("../demo/banner.js")])
      : null;
    const running = await startServer(config, systemClock, {
      beforeListen: demoCode
        ? async (ctx) => {
            demo.seed = await demoCode[0].seedDemo(ctx);
          }
        : undefined,
    });
    console.log(
      demoCode && demo.seed
        ? demoCode[1].demoBanner(running.url, demo.seed)
        : `Recto is running at ${running.url} (API docs: ${running.url}/api/docs)`,
    );
    const stop = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return new Promise<number>(() => undefined);
  },
};

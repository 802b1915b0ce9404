import { systemClock } from "../clock.js";
import { loadConfig } from "../config.js";
import { demoBanner } from "../demo/banner.js";
import { seedDemo, type DemoSeedResult } from "../demo/seed-demo.js";
import { startServer } from "../server/start.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";

export const serveCommand: CommandModule = {
  async run(args) {
    const { values } = parseOptions(args, { demo: { type: "boolean", default: false } });
    const config = loadConfig();
    const demo: { seed?: DemoSeedResult } = {};
    const running = await startServer(config, systemClock, {
      beforeListen: values.demo
        ? async (ctx) => {
            demo.seed = await seedDemo(ctx);
          }
        : undefined,
    });
    console.log(
      demo.seed
        ? demoBanner(running.url, demo.seed)
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

import { loadConfig } from "../config.js";
import { startServer } from "../server/start.js";
import { parseOptions } from "./args.js";
import type { Command } from "./commands.js";

export const serveCommand: Command = {
  summary: "Start the web server and the background worker (--demo: create the demo institution first)",
  async run(args) {
    const { values } = parseOptions(args, { demo: { type: "boolean", default: false } });
    const config = loadConfig();
    const running = await startServer(config);
    console.log(`Recto is running at ${running.url} (API docs: ${running.url}/api/docs)`);
    if (values.demo) console.log("Demo data: see `recto seed-demo`.");
    const stop = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return new Promise<number>(() => undefined);
  },
};

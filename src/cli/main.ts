import { ConfigError } from "../config.js";
import { commands } from "./commands.js";

/** `recto <command> [options]`: one file per command under src/cli/. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log("Usage: recto <command> [options]\n\nCommands:");
    for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(20)} ${c.summary}`);
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  return command.run(rest);
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exitCode = code;
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  }
}

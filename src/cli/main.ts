import { runCommandLine } from "./commands.js";

/** `recto <command> [options]`: one file per command under src/cli/, loaded only when it runs. */
try {
  const code = await runCommandLine(process.argv.slice(2));
  if (code !== 0) process.exitCode = code;
} catch (err) {
  // Loaded here, not above: the configuration code (and zod) is not needed to print the help.
  const { ConfigError } = await import("../config.js");
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  }
}

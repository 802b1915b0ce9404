/*
 * V8 sizes the young generation (where new objects live until they survive a collection) when
 * the process starts, and Node 22 and 24 let it grow far larger than Node 20 did: under steady
 * placement that alone took the server from about 210 to about 335 MB on Node 24, with no gain in
 * speed (docs/performance.md, "Server memory"). The size cannot be changed once V8 runs (unlike
 * HEAP_GROWTH_PERCENT), so the long-running commands start themselves again, in the same process
 * (execve: same pid, same standard streams, signals reach it as before), with the size on node's
 * command line. Node 20 has no process.execve, and there the default is already small.
 */

/** The semi-space size, in MB, that `serve` and `worker` run with unless told otherwise. */
export const SEMI_SPACE_MB = 8;

const LONG_RUNNING = new Set(["serve", "worker"]);
const FLAG = /^--max-semi-space-size(=|$)/;

/**
 * The argument vector to start this process again with (node's path first), or null to run as it
 * is: not a long-running command, or the size already chosen on node's command line or in
 * NODE_OPTIONS (the site's choice wins, and a restarted process has it, so this never loops).
 */
export function restartArguments({ execPath, execArgv, argv, env }) {
  if (!LONG_RUNNING.has(argv[2])) return null;
  const chosen = [...execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => FLAG.test(a));
  if (chosen) return null;
  return [execPath, `--max-semi-space-size=${SEMI_SPACE_MB}`, ...execArgv, ...argv.slice(1)];
}

/** Starts this process again with a small young generation when `restartArguments` says so and Node can. */
export function restartWithSmallYoungGeneration(proc = process) {
  if (typeof proc.execve !== "function") return;
  const args = restartArguments(proc);
  if (!args) return;
  try {
    proc.execve(proc.execPath, args, proc.env);
  } catch (e) {
    // execve(2) failed and nothing changed: run on with V8's own size rather than not at all.
    console.error(`recto: could not restart with a smaller young generation (${e.code ?? e.message}); running on`);
  }
}

import cliProgress from "cli-progress";

/**
 * A progress bar for a long command on a terminal (nothing on a pipe or in a log file): it starts
 * with the first report, when the total is known. `stop` is safe to call twice.
 */
export function progressBar(tty: boolean, format: string) {
  const bar = tty ? new cliProgress.SingleBar({ format, etaBuffer: 200 }, cliProgress.Presets.shades_classic) : null;
  let started = false;
  return {
    onProgress(done: number, total: number) {
      if (!bar) return;
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar?.stop();
      started = false;
    },
  };
}

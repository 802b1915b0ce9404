// A stand-in letter-rendering thread for render-pool.test.ts: the first `dying` threads started
// die as soon as they are handed a job, before beginning it (as a thread does when the previous
// template left its heap full); every later thread is the real one.
import { parentPort, workerData } from "node:worker_threads";

const threadsStarted = new Int32Array(workerData.threadsStarted);
if (Atomics.add(threadsStarted, 0, 1) < workerData.dying) {
  parentPort.once("message", () => process.exit(1));
} else {
  await import("../src/letters/render-worker.mjs");
}

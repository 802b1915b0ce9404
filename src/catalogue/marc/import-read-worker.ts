import { parentPort, workerData } from "node:worker_threads";
import { nextOf, readGroups, type ReadCounts } from "./import-reading.js";
import type { ReaderInput, ReaderReply } from "./import-read-thread.js";

/** The thread that reads a large import's files (import-read-thread.ts): one group per request. */

const { files, profile, sizes } = workerData as ReaderInput;
const counts: ReadCounts = { files: [], records_read: 0 };
const reading = readGroups(files, profile, counts, sizes);

function take(): ReaderReply {
  try {
    const item = nextOf(reading);
    return item ? { item } : { done: counts };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

parentPort?.on("message", () => parentPort?.postMessage(take()));

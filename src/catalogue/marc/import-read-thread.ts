import { Worker } from "node:worker_threads";
import type { ImportProfile } from "./import-profiles.js";
import { readGroups, type ReadCounts, type ReadItem } from "./import-reading.js";

/**
 * Where an import reads its files. A large one reads them in a worker thread, a group ahead of
 * the main thread, which stores the group before meanwhile: reading and preparing records was
 * about a third of the main thread's time on SQLite and most of its time on PostgreSQL (where
 * the rest is waiting for the database). A small one reads them here, sparing the thread's start.
 */

export interface ReaderInput {
  files: { name: string; bytes: Uint8Array }[];
  profile: ImportProfile;
  sizes: { group: number; batch: number };
}

export type ReaderReply = { item: ReadItem } | { done: ReadCounts } | { error: string };

export interface GroupReader {
  /** the next group (or file that is not MARC); undefined at the end, when `counts` are complete */
  next(): Promise<ReadItem | undefined>;
  close(): Promise<void>;
}

/** Records from which a thread of its own pays: starting it (and, from source, compiling the reader) takes a fraction of a second. */
export const THREAD_FROM_RECORDS = 1_000;

/** Reads in this thread: a group is read when the previous one is stored. */
export function readHere(input: ReaderInput, counts: ReadCounts): GroupReader {
  const reading = readGroups(input.files, input.profile, counts, input.sizes);
  return {
    next: () => Promise.resolve(reading.next().value ?? undefined),
    close: () => Promise.resolve(),
  };
}

/** From source, the thread starts from a script that loads tsx first (see there). */
const WORKER_URL = import.meta.url.endsWith(".ts")
  ? new URL("./import-read-worker-source.mjs", import.meta.url)
  : new URL("./import-read-worker.js", import.meta.url);

/** Reads in a worker thread, always one group ahead; the reading's counts land in `counts` at the end. */
export function readInThread(input: ReaderInput, counts: ReadCounts): GroupReader {
  const worker = new Worker(WORKER_URL, { workerData: input });
  let waiting: { resolve: (item: ReadItem | undefined) => void; reject: (err: Error) => void } | null = null;
  let failed: Error | null = null;
  const fail = (err: Error) => {
    failed ??= err;
    waiting?.reject(failed);
    waiting = null;
  };
  worker.on("message", (reply: ReaderReply) => {
    if ("error" in reply) return fail(new Error(`reading the MARC files failed: ${reply.error}`));
    const asked = waiting;
    waiting = null;
    if ("done" in reply) {
      counts.files = reply.done.files;
      counts.records_read = reply.done.records_read;
      asked?.resolve(undefined);
    } else asked?.resolve(reply.item);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the MARC reading thread stopped (exit code ${code})`)));
  const ask = (): Promise<ReadItem | undefined> => {
    const answer = new Promise<ReadItem | undefined>((resolve, reject) => {
      if (failed) reject(failed);
      else {
        waiting = { resolve, reject };
        worker.postMessage(null);
      }
    });
    // seen by whoever awaits it; not an unhandled rejection while the group before is stored
    answer.catch(() => undefined);
    return answer;
  };
  let ahead = ask();
  return {
    next: async () => {
      const item = await ahead;
      if (item) ahead = ask();
      return item;
    },
    close: async () => {
      fail(new Error("the MARC reading thread was closed"));
      await worker.terminate();
    },
  };
}

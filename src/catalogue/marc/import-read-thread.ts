import { Worker } from "node:worker_threads";
import type { ImportProfile } from "./import-profiles.js";
import { nextOf, readGroups, type ReadCounts, type ReadItem } from "./import-reading.js";

/**
 * Where an import reads its files (reading and preparing records was about a third of the main
 * thread's time on SQLite, and most of its time on PostgreSQL, where the rest was waiting for the
 * database):
 * - on PostgreSQL, in this thread, the next group while the database works on the one before:
 *   every statement is a round trip to the server's own process, which leaves this thread idle;
 * - on SQLite, from THREAD_FROM_RECORDS records, in a worker thread, a group ahead: better-sqlite3
 *   works in this thread, so only another thread can overlap the reading with the storing, on a
 *   second core. A smaller import reads here, sparing the thread's start.
 * On PostgreSQL a reading thread as well was slower on the loaded 2-core machine: its copying
 * of each group between threads, and its CPU, was taken from the database server's process.
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
    next: () => Promise.resolve(nextOf(reading)),
    close: () => Promise.resolve(),
  };
}

/** Records read between two looks at the event loop (well under a millisecond). */
const RECORDS_BETWEEN_PAUSES = 16;

/**
 * Reads in this thread, a group ahead: between two statements of the group before, every few
 * records, the event loop lets the database's answer in and the next statement go out.
 */
export function readBeside(input: ReaderInput, counts: ReadCounts): GroupReader {
  const reading = readGroups(input.files, input.profile, counts, input.sizes);
  const read = async (): Promise<ReadItem | undefined> => {
    for (let n = 1; ; n += 1) {
      const step = reading.next();
      if (step.done) return undefined;
      if (step.value) return step.value;
      if (n % RECORDS_BETWEEN_PAUSES === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return aheadBy(read, () => Promise.resolve());
}

/**
 * A reader that keeps `depth` items asked for ahead of the one it answers. Items are answered
 * in the order they were asked for; after the last, every call answers undefined.
 */
function aheadBy(ask: () => Promise<ReadItem | undefined>, close: () => Promise<void>, depth = 1): GroupReader {
  const askNow = () => {
    const answer = ask();
    // seen by whoever awaits it; not an unhandled rejection while the group before is stored
    answer.catch(() => undefined);
    return answer;
  };
  const ahead = Array.from({ length: depth }, askNow);
  return {
    next: async () => {
      const item = await ahead[0];
      if (item) {
        ahead.shift();
        ahead.push(askNow());
      }
      return item;
    },
    close,
  };
}

/** From source, the thread starts from a script that loads tsx first (see there). */
const WORKER_URL = import.meta.url.endsWith(".ts")
  ? new URL("./import-read-worker-source.mjs", import.meta.url)
  : new URL("./import-read-worker.js", import.meta.url);

/**
 * Groups the thread reads ahead of the one being stored. With one, the two threads took turns
 * more than they overlapped: the thread, done with its group, waited for the next request while
 * the main thread still stored, and the main thread then waited for a group read only after it
 * asked. Each group waiting on the main thread is a group more for the young generation to copy.
 */
const GROUPS_AHEAD = 2;

/** Reads in a worker thread, GROUPS_AHEAD groups ahead; the reading's counts land in `counts` at the end. */
export function readInThread(input: ReaderInput, counts: ReadCounts): GroupReader {
  const worker = new Worker(WORKER_URL, { workerData: input });
  // the thread answers requests in the order they were sent
  const waiting: { resolve: (item: ReadItem | undefined) => void; reject: (err: Error) => void }[] = [];
  let failed: Error | null = null;
  const fail = (err: Error) => {
    failed ??= err;
    for (const asked of waiting.splice(0)) asked.reject(failed);
  };
  worker.on("message", (reply: ReaderReply) => {
    if ("error" in reply) return fail(new Error(`reading the MARC files failed: ${reply.error}`));
    const asked = waiting.shift();
    if ("done" in reply) {
      counts.files = reply.done.files;
      counts.records_read = reply.done.records_read;
      asked?.resolve(undefined);
    } else asked?.resolve(reply.item);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the MARC reading thread stopped (exit code ${code})`)));
  const ask = () =>
    new Promise<ReadItem | undefined>((resolve, reject) => {
      if (failed) reject(failed);
      else {
        waiting.push({ resolve, reject });
        worker.postMessage(null);
      }
    });
  return aheadBy(
    ask,
    async () => {
      fail(new Error("the MARC reading thread was closed"));
      await worker.terminate();
    },
    GROUPS_AHEAD,
  );
}

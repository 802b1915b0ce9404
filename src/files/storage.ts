import type { Readable } from "node:stream";

/**
 * Where scanned files live. Keys are relative paths ("12/2026/03/<uuid>.pdf") that every driver
 * maps into its own space; a key that would leave that space is refused.
 */
export interface FileStorage {
  /** Stores the stream's content under key, replacing any file there; a failed put leaves nothing. */
  put(key: string, content: Readable): Promise<void>;
  /** Reads a stored file, whole or a byte range (both ends inclusive, as in HTTP Range). NOT_FOUND when missing. */
  open(key: string, range?: { start: number; end?: number }): Promise<Readable>;
  /** Removes a file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class StorageKeyError extends Error {
  constructor(key: string, why: string) {
    super(`Refused storage key ${JSON.stringify(key)}: ${why}.`);
    this.name = "StorageKeyError";
  }
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Checks a key before any driver touches it and returns its segments: relative, '/'-separated,
 * each segment plain (letters, digits, '_', '-', '.', not starting with a dot), so that no key
 * can climb out of the store, name a hidden file or smuggle a drive letter or NUL byte.
 */
export function keySegments(key: string): string[] {
  if (typeof key !== "string" || key.length === 0) throw new StorageKeyError(String(key), "empty");
  if (key.length > 512) throw new StorageKeyError(key.slice(0, 40), "longer than 512 characters");
  if (key.startsWith("/")) throw new StorageKeyError(key, "absolute");
  const segments = key.split("/");
  for (const s of segments) {
    if (s === "..") throw new StorageKeyError(key, "leaves the storage folder");
    if (!SEGMENT.test(s)) throw new StorageKeyError(key, `segment ${JSON.stringify(s)} is not a plain name`);
  }
  return segments;
}

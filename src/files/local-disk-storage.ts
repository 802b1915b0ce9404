import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { notFound } from "../errors.js";
import { keySegments, StorageKeyError, type FileStorage } from "./storage.js";

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException)?.code === "ENOENT";

/*
 * Files are read in 1 MiB chunks rather than the stream default of 64 KiB: a 100 MB download is
 * then 100 reads and socket writes instead of 1,600, which is most of the difference between
 * serving a file and a bare file stream (docs/performance.md).
 */
const READ_CHUNK_BYTES = 1024 * 1024;

/** The default driver: files under one folder (config.filesDir), keys as relative paths. */
export class LocalDiskStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The absolute path of a key, after checking that it stays inside the root. */
  pathOf(key: string): string {
    const full = path.resolve(this.root, ...keySegments(key));
    if (!full.startsWith(this.root + path.sep)) throw new StorageKeyError(key, "leaves the storage folder");
    return full;
  }

  async put(key: string, content: Readable): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // Written beside the target and renamed into place, so a reader never sees half a file.
    const part = `${target}.${randomUUID()}.part`;
    const handle = await fs.promises.open(part, "wx");
    try {
      await pipeline(content, handle.createWriteStream());
      await fs.promises.rename(part, target);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await fs.promises.rm(part, { force: true });
      throw err;
    }
  }

  async open(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    const handle = await fs.promises.open(this.pathOf(key), "r").catch((err: unknown) => {
      throw isMissing(err) ? notFound("file") : err;
    });
    return handle.createReadStream({
      highWaterMark: READ_CHUNK_BYTES,
      ...(range ? { start: range.start, ...(range.end !== undefined ? { end: range.end } : {}) } : {}),
    });
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }
}

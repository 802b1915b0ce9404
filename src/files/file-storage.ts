import type { Readable } from "node:stream";
import type { Config } from "../config.js";
import { LocalDiskStorage } from "./local-disk-storage.js";
import type { S3Settings } from "./s3-storage.js";
import type { FileStorage } from "./storage.js";

/** The storage the configuration names: an S3-compatible bucket with STORAGE=s3, else the local disk under FILES_DIR. */
export function fileStorageFromConfig(config: Pick<Config, "filesDir"> & { s3?: Config["s3"] }): FileStorage {
  return config.s3 ? new S3StorageOnDemand(config.s3) : new LocalDiskStorage(config.filesDir);
}

/**
 * STORAGE=s3: the S3 driver, loaded with the AWS SDK on the first file operation. The SDK is the
 * largest import of the app, so a server that keeps its files on the local disk never loads it,
 * and one on S3 loads it once, when a file is first read or written.
 */
class S3StorageOnDemand implements FileStorage {
  private driver: Promise<FileStorage> | undefined;

  constructor(private readonly settings: S3Settings) {}

  private load(): Promise<FileStorage> {
    this.driver ??= import("./s3-storage.js").then(({ S3Storage }) => new S3Storage(this.settings));
    return this.driver;
  }

  async put(key: string, content: Readable): Promise<void> {
    return (await this.load()).put(key, content);
  }

  async open(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    return (await this.load()).open(key, range);
  }

  async delete(key: string): Promise<void> {
    return (await this.load()).delete(key);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.load()).exists(key);
  }
}

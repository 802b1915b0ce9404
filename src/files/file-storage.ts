import type { Config } from "../config.js";
import { LocalDiskStorage } from "./local-disk-storage.js";
import { S3Storage } from "./s3-storage.js";
import type { FileStorage } from "./storage.js";

/** The storage the configuration names: an S3-compatible bucket with STORAGE=s3, else the local disk under FILES_DIR. */
export function fileStorageFromConfig(config: Pick<Config, "filesDir"> & { s3?: Config["s3"] }): FileStorage {
  return config.s3 ? new S3Storage(config.s3) : new LocalDiskStorage(config.filesDir);
}

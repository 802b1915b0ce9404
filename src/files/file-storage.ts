import type { Config } from "../config.js";
import { LocalDiskStorage } from "./local-disk-storage.js";
import type { FileStorage } from "./storage.js";

/** The storage the configuration names; the local disk under FILES_DIR until another driver exists. */
export function fileStorageFromConfig(config: Pick<Config, "filesDir">): FileStorage {
  return new LocalDiskStorage(config.filesDir);
}

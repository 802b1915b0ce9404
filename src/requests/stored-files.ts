import { fileStorageFromConfig } from "../files/file-storage.js";
import type { DomainContext } from "../context.js";

/**
 * Removes files whose rows were marked deleted by a committed transaction. Runs after commit so
 * a rollback never loses a file; a failure is logged, as the row already says it is gone.
 */
export async function removeStoredFiles(ctx: Pick<DomainContext, "config" | "log">, keys: string[]): Promise<void> {
  const storage = fileStorageFromConfig(ctx.config);
  for (const key of keys) {
    await storage.delete(key).catch((err: unknown) => ctx.log.error({ err, key }, "could not remove a file"));
  }
}

import fs from "node:fs/promises";
import path from "node:path";
import type { AppContext } from "../server/context.js";

/**
 * Removes files whose rows were marked deleted by a committed transaction. Runs after commit so
 * a rollback never loses a file; a failure is logged, as the row already says it is gone.
 */
export async function removeStoredFiles(ctx: Pick<AppContext, "config" | "log">, keys: string[]): Promise<void> {
  const root = path.resolve(ctx.config.filesDir);
  for (const key of keys) {
    const full = path.resolve(root, key);
    if (!full.startsWith(root + path.sep)) continue;
    await fs.rm(full, { force: true }).catch((err: unknown) => ctx.log.error({ err, key }, "could not remove a file"));
  }
}

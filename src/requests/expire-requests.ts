import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { closeRequest } from "./close-request.js";
import { findRequest, overdueRequests } from "./repository.js";

/**
 * The expiry job: every open request whose place's work time has passed becomes EXPIRED, one
 * transaction each, so one failure does not hold back the rest. Returns what it expired.
 */
export async function expireOverdueRequests(
  db: Db,
  now: Date,
  onFilesRemoved: (keys: string[]) => Promise<void>,
  options: { batchSize?: number; institutionId?: number } = {},
): Promise<{ expired: number[] }> {
  const expired: number[] = [];
  const dueRows = await overdueRequests(db, now.toISOString(), options.batchSize ?? 200, options.institutionId);
  for (const due of dueRows) {
    try {
      const closed = await db.transaction().execute(async (tx) => {
        const r = await findRequest(tx, due.institution_id, due.id);
        if (!r) return null;
        return closeRequest(tx, r, "expire", {
          reason: "expired",
          note: "The work time of the handling place passed.",
          actor: null,
          now,
        });
      });
      if (closed) {
        expired.push(due.id);
        await onFilesRemoved(closed.removedFiles);
      }
    } catch (err) {
      // Changed by staff while we looked: it is no longer ours to expire.
      if (!(err instanceof AppError && err.code === "INVALID_STATE_TRANSITION")) throw err;
    }
  }
  return { expired };
}

import type { Executor } from "../../db/database.js";
import type { MarcImportStatus } from "../../db/schema.js";

/** SQL of the imports started from the API (table marc_imports). */

interface NewMarcImport {
  requested_by_user_id: number | null;
  profile: string;
  dry_run: number;
  create_missing: number;
  files: string;
  records_total: number;
}

export async function insertMarcImport(db: Executor, institutionId: number, v: NewMarcImport, at: string) {
  return db
    .insertInto("marc_imports")
    .values({
      institution_id: institutionId,
      ...v,
      status: "QUEUED",
      records_done: 0,
      report: null,
      error: null,
      created_at: at,
      started_at: null,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMarcImport(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("marc_imports")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listMarcImports(db: Executor, institutionId: number, limit: number) {
  return db
    .selectFrom("marc_imports")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/**
 * Takes the oldest queued import. The update is guarded by the status, so when two workers
 * pick the same row only one update matches and the other answers nothing.
 */
export async function claimQueuedImport(db: Executor, startedAt: string, institutionId?: number) {
  const next = await db
    .selectFrom("marc_imports")
    .select("id")
    .where("status", "=", "QUEUED")
    .$if(institutionId !== undefined, (q) => q.where("institution_id", "=", institutionId!))
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!next) return null;
  const claimed = await db
    .updateTable("marc_imports")
    .set((eb) => ({
      status: "RUNNING",
      started_at: startedAt,
      heartbeat_at: startedAt,
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "=", next.id)
    .where("status", "=", "QUEUED")
    .returningAll()
    .executeTakeFirst();
  return claimed ?? null;
}

export async function setImportProgress(db: Executor, id: number, done: number, total: number, at: string) {
  await db
    .updateTable("marc_imports")
    .set({ records_done: done, records_total: total, heartbeat_at: at })
    .where("id", "=", id)
    .execute();
}

/** Imports whose worker stopped beating before `staleBefore`. */
export async function stalledImports(db: Executor, staleBefore: string, institutionId?: number) {
  return db
    .selectFrom("marc_imports")
    .select(["id", "attempts", "files"])
    .where("status", "=", "RUNNING")
    .where((eb) => eb.or([eb("heartbeat_at", "<", staleBefore), eb("heartbeat_at", "is", null)]))
    .$if(institutionId !== undefined, (q) => q.where("institution_id", "=", institutionId!))
    .execute();
}

/**
 * Queues a stalled import again, or fails it. Guarded by the status and the stale beat, so a live
 * worker's import is never taken from it.
 */
export async function settleStalledImport(
  db: Executor,
  id: number,
  staleBefore: string,
  v: { status: "QUEUED" } | { status: "FAILED"; error: string; finished_at: string },
): Promise<boolean> {
  const res = await db
    .updateTable("marc_imports")
    .set(v.status === "QUEUED" ? { status: "QUEUED", records_done: 0 } : v)
    .where("id", "=", id)
    .where("status", "=", "RUNNING")
    .where((eb) => eb.or([eb("heartbeat_at", "<", staleBefore), eb("heartbeat_at", "is", null)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function finishImport(
  db: Executor,
  id: number,
  v: { status: MarcImportStatus; report: string | null; error: string | null; records_done?: number },
  at: string,
) {
  await db
    .updateTable("marc_imports")
    .set({ ...v, finished_at: at })
    .where("id", "=", id)
    .execute();
}

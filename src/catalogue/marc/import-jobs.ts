import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Actor } from "../../auth/actor.js";
import { authorize } from "../../auth/policy.js";
import type { Db } from "../../db/database.js";
import { invalid, notFound } from "../../errors.js";
import type { FileStorage } from "../../files/storage.js";
import { countRecords, importMarc } from "./import-marc.js";
import type { ImportReport } from "./import-report.js";
import { IMPORT_PROFILES, PROFILE_NAMES } from "./import-profiles.js";
import * as repo from "./marc-imports-repository.js";
import { detectFormat } from "./read-marc.js";

/**
 * Imports started from the API: the upload is stored and queued at once (the answer comes
 * before the import runs), and the worker runs queued imports, recording progress after each
 * committed batch so staff can follow it.
 */

interface StartImportInput {
  fileName: string;
  bytes: Uint8Array;
  profile: string;
  dryRun: boolean;
  createMissing: boolean;
}

interface StoredFile {
  name: string;
  storage_key: string;
}

export async function startMarcImport(db: Db, storage: FileStorage, actor: Actor, input: StartImportInput, now: Date) {
  authorize(actor, "catalogue.manage");
  if (!IMPORT_PROFILES[input.profile]) {
    throw invalid("profile", `Unknown import profile ${input.profile}; use one of ${PROFILE_NAMES.join(", ")}.`);
  }
  if (!detectFormat(input.bytes)) {
    throw invalid("file", "The file is neither ISO 2709 (MARC 21 .mrc/.dat) nor MARCXML.");
  }
  const key = `marc-imports/${actor.institutionId}/${randomUUID()}.marc`;
  await storage.put(key, Readable.from(Buffer.from(input.bytes)));
  const name = input.fileName.replace(/[\\/]/g, "_").slice(0, 255) || "upload.marc";
  const files: StoredFile[] = [{ name, storage_key: key }];
  try {
    return await repo.insertMarcImport(
      db,
      actor.institutionId,
      {
        requested_by_user_id: actor.userId,
        profile: input.profile,
        dry_run: input.dryRun ? 1 : 0,
        create_missing: input.createMissing ? 1 : 0,
        files: JSON.stringify(files),
        records_total: countRecords(input.bytes),
      },
      now.toISOString(),
    );
  } catch (err) {
    // no row points at the file: remove it
    await storage.delete(key);
    throw err;
  }
}

export async function loadMarcImport(db: Db, actor: Actor, id: number) {
  authorize(actor, "catalogue.manage");
  const row = await repo.findMarcImport(db, actor.institutionId, id);
  if (!row) throw notFound("import");
  return row;
}

export async function listMarcImports(db: Db, actor: Actor) {
  authorize(actor, "catalogue.manage");
  return repo.listMarcImports(db, actor.institutionId, 50);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** A worker beats after every committed batch (seconds apart); ten minutes of silence means it died. */
const STALE_IMPORT_MS = 10 * 60_000;
export const MAX_IMPORT_ATTEMPTS = 3;

/**
 * Imports left RUNNING by a worker that died are queued again, so the next run completes them;
 * one that has already been started MAX_IMPORT_ATTEMPTS times is marked FAILED instead, since it
 * is more likely to be what stops the worker.
 */
async function recoverStalledImports(
  ctx: { db: Db; clock: { now(): Date } },
  storage: FileStorage,
  o: { institutionId?: number } = {},
): Promise<{ requeued: number; failed: number }> {
  const now = ctx.clock.now();
  const staleBefore = new Date(now.getTime() - STALE_IMPORT_MS).toISOString();
  let requeued = 0;
  let failed = 0;
  for (const job of await repo.stalledImports(ctx.db, staleBefore, o.institutionId)) {
    if (job.attempts < MAX_IMPORT_ATTEMPTS) {
      if (await repo.settleStalledImport(ctx.db, job.id, staleBefore, { status: "QUEUED" })) requeued += 1;
      continue;
    }
    const error = `The worker stopped while running this import ${job.attempts} times; it was not tried again. Records committed before stay imported.`;
    const settled = await repo.settleStalledImport(ctx.db, job.id, staleBefore, {
      status: "FAILED",
      error,
      finished_at: now.toISOString(),
    });
    if (!settled) continue;
    failed += 1;
    for (const f of JSON.parse(job.files) as StoredFile[]) await storage.delete(f.storage_key).catch(() => undefined);
  }
  return { requeued, failed };
}

/**
 * Runs queued imports one after the other until none is left (the worker's job). A failing
 * import is marked FAILED with its error; what it committed before stays, and running the same
 * file again completes it, since re-imports match by record key.
 */
export async function runQueuedMarcImports(
  ctx: { db: Db; clock: { now(): Date } },
  storage: FileStorage,
  o: { institutionId?: number } = {},
): Promise<{ ran: number }> {
  await recoverStalledImports(ctx, storage, o);
  let ran = 0;
  for (;;) {
    const job = await repo.claimQueuedImport(ctx.db, ctx.clock.now().toISOString(), o.institutionId);
    if (!job) return { ran };
    ran += 1;
    const files = JSON.parse(job.files) as StoredFile[];
    try {
      const loaded = [];
      for (const f of files) loaded.push({ name: f.name, bytes: await readAll(await storage.open(f.storage_key)) });
      const report: ImportReport = await importMarc(ctx.db, loaded, {
        institutionId: job.institution_id,
        profile: IMPORT_PROFILES[job.profile] ?? IMPORT_PROFILES.evergreen!,
        dryRun: job.dry_run === 1,
        createMissing: job.create_missing === 1,
        now: ctx.clock.now(),
        onCommitted: (done, total) =>
          repo.setImportProgress(ctx.db, job.id, done, total, ctx.clock.now().toISOString()),
      });
      await repo.finishImport(
        ctx.db,
        job.id,
        { status: "DONE", report: JSON.stringify(report), error: null, records_done: report.records_read },
        ctx.clock.now().toISOString(),
      );
    } catch (err) {
      await repo.finishImport(
        ctx.db,
        job.id,
        { status: "FAILED", report: null, error: err instanceof Error ? err.message : String(err) },
        ctx.clock.now().toISOString(),
      );
    }
    for (const f of files) await storage.delete(f.storage_key).catch(() => undefined);
  }
}

import type { Readable } from "node:stream";
import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import type { FileStorage } from "../files/storage.js";
import { countPdfPages } from "../files/pdf-pages.js";
import { storeUpload } from "../files/store-upload.js";
import { loadRequest, withRequest } from "./load.js";
import { authorizeRequest } from "./policy.js";
import { insertFile, tasksOf } from "./parts-repository.js";
import { nextState } from "./state-machine.js";
import { applyTransition, invalidTransition } from "./transition.js";

interface AttachInput {
  stream: Readable;
  fileName: string;
  maxBytes: number;
}

/**
 * Attaches a scanned file (DOMAIN 7, 8). The upload is checked and stored first, outside the
 * transaction (it can be large); then the request moves to DIGITIZED and the file row is
 * written together. If that fails, the stored file is removed again: nothing is left behind.
 * Under approval_mode parallel the file stays inactive until every task is approved.
 */
export async function attachFile(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  id: number,
  input: AttachInput,
  now: Date,
) {
  const before = await loadRequest(db, actor, id);
  authorizeRequest(actor, "attach_file", before);
  // Refuse before reading a byte of a possibly large upload.
  if (!nextState(before.state, "attach_file", { general: false })) throw invalidTransition(before, "attach_file");

  const stored = await storeUpload(storage, input.stream, {
    maxBytes: input.maxBytes,
    fileName: input.fileName,
    institutionId: actor.institutionId,
    now,
  });
  try {
    const pageCount =
      stored.contentType === "application/pdf"
        ? await countPdfPages(storage, stored.storageKey, stored.sizeBytes)
        : null;
    return await withRequest(db, actor, id, "attach_file", async (tx, r) => {
      const allApproved = (await tasksOf(tx, [r.id])).every((t) => t.status === "approved");
      const fileId = await insertFile(tx, {
        institution_id: r.institution_id,
        request_id: r.id,
        storage_key: stored.storageKey,
        file_name: stored.fileName,
        content_type: stored.contentType,
        size_bytes: stored.sizeBytes,
        sha256: stored.sha256,
        page_count: pageCount,
        active: allApproved ? 1 : 0,
        uploaded_by_user_id: actor.userId,
        created_at: now.toISOString(),
      });
      await applyTransition(tx, r, "attach_file", {
        actor,
        now,
        data: {
          file_id: fileId,
          file_name: stored.fileName,
          size_bytes: stored.sizeBytes,
          page_count: pageCount,
          active: allApproved,
        },
      });
      return fileId;
    });
  } catch (err) {
    await storage.delete(stored.storageKey);
    throw err;
  }
}

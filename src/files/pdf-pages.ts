import type { Readable } from "node:stream";
import type { FileStorage } from "./storage.js";

/** PDFs larger than this are not opened for counting: their page count stays unknown. */
const PAGE_COUNT_MAX_BYTES = 64 * 1024 * 1024;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The number of pages of a stored PDF, or null when it cannot be told (too large to open, or a
 * PDF that pdf-lib cannot parse). Runs after the upload was accepted and stored, so the upload
 * itself still streams; a count that fails never refuses a file the content check accepted.
 */
export async function countPdfPages(storage: FileStorage, key: string, sizeBytes: number): Promise<number | null> {
  if (sizeBytes > PAGE_COUNT_MAX_BYTES) return null;
  // pdf-lib is loaded on the first count, not with the app (a faster start).
  const { PDFDocument } = await import("pdf-lib");
  try {
    const doc = await PDFDocument.load(await readAll(await storage.open(key)), {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
    return doc.getPageCount();
  } catch {
    return null;
  }
}

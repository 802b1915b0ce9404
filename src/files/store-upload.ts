import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../errors.js";
import { ACCEPTED_EXTENSIONS, SNIFF_LENGTH, sniffFileType, type FileType } from "./sniff.js";
import type { FileStorage } from "./storage.js";

interface UploadOptions {
  maxBytes: number;
  /** the name the uploader gave; kept (sanitised) for the patron's download */
  fileName: string;
  institutionId: number;
  /** dates the storage folder (<yyyy>/<mm>); a layout choice, not business time, so the system clock is fine */
  now?: Date;
  /** where the upload waits until accepted; default the system temp folder */
  stagingDir?: string;
}

interface StoredFile {
  storageKey: string;
  sizeBytes: number;
  /** hex SHA-256 of the content */
  sha256: string;
  contentType: FileType["contentType"];
  fileName: string;
}

const unsupported = (fileName: string): AppError =>
  new AppError("UNSUPPORTED_FILE_TYPE", {
    message: "The file’s content is not PDF, TIFF, JPEG or PNG (whatever its name says).",
    fields: [{ field: "file", message: "is not a PDF, TIFF, JPEG or PNG file" }],
    details: { file_name: fileName },
  });

const tooLarge = (maxBytes: number): AppError =>
  new AppError("FILE_TOO_LARGE", {
    message: `The file is larger than the upload limit of ${maxBytes} bytes.`,
    fields: [{ field: "file", message: `must be at most ${maxBytes} bytes` }],
    details: { max_bytes: maxBytes },
  });

/** Counts, hashes and types the bytes as they pass, and stops the stream at the first problem. */
class UploadInspector extends Transform {
  size = 0;
  type: FileType | null = null;
  private head = Buffer.alloc(0);
  private readonly hash = createHash("sha256");

  constructor(
    private readonly maxBytes: number,
    private readonly fileName: string,
  ) {
    super();
  }

  private digest: string | null = null;

  /** Hex SHA-256 of everything that passed; read once the stream has ended. */
  get sha256(): string {
    return (this.digest ??= this.hash.digest("hex"));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLarge(this.maxBytes));
    if (!this.type) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_LENGTH - this.head.length)]);
      if (this.head.length >= SNIFF_LENGTH && !this.decide()) return done(unsupported(this.fileName));
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (!this.type && !this.decide()) return done(unsupported(this.fileName));
    done();
  }

  private decide(): boolean {
    this.type = sniffFileType(this.head);
    return this.type !== null;
  }
}

/** The uploader's name, made safe to store and to offer back: no folders, no control or direction-changing characters, the right extension. */
export function sanitizeFileName(name: string, type: FileType): string {
  let base = (name.normalize("NFC").split(/[\\/]/).pop() ?? "")
    .replace(/\s+/g, " ")
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, "")
    .trim()
    .replace(/^\.+/, "");
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
  if (!type.extensions.includes(ext)) {
    // A name that claims another accepted type is corrected; any other name gets the type's extension added.
    if (ACCEPTED_EXTENSIONS.includes(ext)) base = base.slice(0, dot);
    base = `${base || "scan"}.${type.extension}`;
  }
  if (base.length > 200) {
    const suffix = base.slice(base.lastIndexOf("."));
    base = base.slice(0, 200 - suffix.length) + suffix;
  }
  return base;
}

function translate(err: unknown, options: UploadOptions): unknown {
  if (err instanceof AppError) return err;
  // @fastify/multipart's own size limit, when the caller set one
  if ((err as { code?: string })?.code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(options.maxBytes);
  return err;
}

/**
 * Takes an uploaded file from a stream into storage. The stream is written to a staging file as
 * it arrives (never held in memory) while it is counted, hashed and typed by its first bytes.
 * A file of another type, a file over maxBytes, or a stream that fails leaves nothing behind.
 * Accepted files are stored under `<institutionId>/<yyyy>/<mm>/<uuid>.<ext>`.
 */
export async function storeUpload(storage: FileStorage, source: Readable, options: UploadOptions): Promise<StoredFile> {
  const stagingDir = options.stagingDir ?? os.tmpdir();
  await fs.promises.mkdir(stagingDir, { recursive: true });
  const staged = path.join(stagingDir, `recto-upload-${randomUUID()}.part`);
  const inspector = new UploadInspector(options.maxBytes, options.fileName);
  // Created before the stream starts, so that the cleanup below never races the file's creation.
  const handle = await fs.promises.open(staged, "wx");
  try {
    await pipeline(source, inspector, handle.createWriteStream()).catch((err: unknown) => {
      throw translate(err, options);
    });
    // A multipart part cut at its size limit ends normally, only marked as truncated.
    if ((source as { truncated?: boolean }).truncated === true) throw tooLarge(options.maxBytes);
    const type = inspector.type!;
    const now = options.now ?? new Date();
    const month = String(now.getUTCMonth() + 1).padStart(2, "0");
    const storageKey = `${options.institutionId}/${now.getUTCFullYear()}/${month}/${randomUUID()}.${type.extension}`;
    await storage.put(storageKey, fs.createReadStream(staged));
    return {
      storageKey,
      sizeBytes: inspector.size,
      sha256: inspector.sha256,
      contentType: type.contentType,
      fileName: sanitizeFileName(options.fileName, type),
    };
  } finally {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(staged, { force: true });
  }
}

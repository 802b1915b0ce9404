import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { fileStorageFromConfig } from "./file-storage.js";
import { LocalDiskStorage } from "./local-disk-storage.js";
import { sniffFileType } from "./sniff.js";
import { StorageKeyError } from "./storage.js";
import { sanitizeFileName, storeUpload } from "./store-upload.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "recto-files-test-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let filesDir: string;
let stagingDir: string;
let storage: LocalDiskStorage;
let n = 0;
beforeEach(() => {
  n++;
  filesDir = path.join(root, `files-${n}`);
  stagingDir = path.join(root, `staging-${n}`);
  storage = new LocalDiskStorage(filesDir);
});

/** Every file under a folder (none when the folder does not exist). */
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir)
    ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile())
    : [];

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const TIFF_LE = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]);
const TIFF_BE = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0]);
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const MZ = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
const HTML = Buffer.from("<!DOCTYPE html><html><head><script>alert(1)</script></head></html>");

const upload = (source: Readable, fileName: string, maxBytes = 1024 * 1024) =>
  storeUpload(storage, source, {
    maxBytes,
    fileName,
    institutionId: 42,
    now: new Date("2026-03-02T09:00:00Z"),
    stagingDir,
  });

/** Splits content into small chunks, so that the type is decided across chunk boundaries. */
const chunked = (content: Buffer, size = 3): Readable => {
  const parts: Buffer[] = [];
  for (let i = 0; i < content.length; i += size) parts.push(content.subarray(i, i + size));
  return Readable.from(parts);
};

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

describe("storeUpload", () => {
  it.each([
    ["PDF", PDF, "scan.pdf", "application/pdf", "pdf"],
    ["PNG", PNG, "page.png", "image/png", "png"],
    ["JPEG", JPEG, "page.jpeg", "image/jpeg", "jpg"],
    ["little-endian TIFF", TIFF_LE, "page.tif", "image/tiff", "tif"],
    ["big-endian TIFF", TIFF_BE, "page.TIFF", "image/tiff", "tif"],
  ])("stores a %s with its size, hash, type and key", async (_n, content, name, contentType, ext) => {
    const stored = await upload(chunked(content), name);
    expect(stored).toEqual({
      storageKey: expect.stringMatching(new RegExp(`^42/2026/03/[0-9a-f-]{36}\\.${ext}$`)),
      sizeBytes: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
      contentType,
      fileName: name,
    });
    expect(await storage.exists(stored.storageKey)).toBe(true);
    const back = await text(await storage.open(stored.storageKey));
    expect(Buffer.from(back, "latin1").length).toBe(content.length);
    expect(fs.readFileSync(storage.pathOf(stored.storageKey))).toEqual(content);
    expect(filesUnder(stagingDir)).toEqual([]);
  });

  it.each([
    ["an ELF executable named .pdf", ELF, "article.pdf"],
    ["a Windows executable named .pdf", MZ, "article.pdf"],
    ["an HTML page named .png", HTML, "page.png"],
    ["an HTML page named .pdf", HTML, "article.pdf"],
    ["an empty file", Buffer.alloc(0), "empty.pdf"],
  ])("refuses %s with UNSUPPORTED_FILE_TYPE and keeps nothing", async (_n, content, name) => {
    const err = await expectAppError(upload(chunked(content, 5), name), "UNSUPPORTED_FILE_TYPE");
    expect(err.status).toBe(415);
    expect(err.fields?.[0]?.field).toBe("file");
    expect(filesUnder(filesDir)).toEqual([]);
    expect(filesUnder(stagingDir)).toEqual([]);
  });

  it("refuses a file over maxBytes with FILE_TOO_LARGE, keeping nothing", async () => {
    const content = Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]);
    const err = await expectAppError(upload(chunked(content, 1000), "big.pdf", 4096), "FILE_TOO_LARGE");
    expect(err.status).toBe(413);
    expect(err.details).toEqual({ max_bytes: 4096 });
    expect(filesUnder(filesDir)).toEqual([]);
    expect(filesUnder(stagingDir)).toEqual([]);
  });

  it("accepts a file of exactly maxBytes", async () => {
    const content = Buffer.concat([PDF, Buffer.alloc(4096 - PDF.length, 0x20)]);
    expect((await upload(chunked(content, 1000), "exact.pdf", 4096)).sizeBytes).toBe(4096);
  });

  it("stops reading an endless stream once it passes maxBytes (it does not read the whole file first)", async () => {
    let pulled = 0;
    const endless = Readable.from(
      (function* () {
        yield PDF;
        for (;;) {
          pulled++;
          yield Buffer.alloc(64 * 1024);
        }
      })(),
    );
    await expectAppError(upload(endless, "endless.pdf", 1024 * 1024), "FILE_TOO_LARGE");
    expect(pulled).toBeLessThan(40);
    expect(filesUnder(stagingDir)).toEqual([]);
  });

  it("refuses an endless stream of the wrong type from its first bytes", async () => {
    const endless = Readable.from(
      (function* () {
        for (;;) yield HTML;
      })(),
    );
    await expectAppError(upload(endless, "x.pdf"), "UNSUPPORTED_FILE_TYPE");
    expect(filesUnder(stagingDir)).toEqual([]);
  });

  it("treats a multipart part cut at its size limit (truncated) as too large", async () => {
    const source = chunked(PDF, 10) as Readable & { truncated?: boolean };
    source.truncated = true;
    await expectAppError(upload(source, "cut.pdf"), "FILE_TOO_LARGE");
    expect(filesUnder(filesDir)).toEqual([]);
  });

  it("passes on the error of a stream that fails midway and leaves nothing behind", async () => {
    const failing = Readable.from(
      (function* () {
        yield PDF;
        yield Buffer.alloc(10_000);
        throw new Error("connection reset by peer");
      })(),
    );
    await expect(upload(failing, "broken.pdf")).rejects.toThrow("connection reset by peer");
    expect(filesUnder(filesDir)).toEqual([]);
    expect(filesUnder(stagingDir)).toEqual([]);
  });
});

describe("sanitizeFileName", () => {
  const pdf = sniffFileType(PDF)!;
  const jpeg = sniffFileType(JPEG)!;
  it.each([
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["C:\\Users\\me\\Desktop\\chapter 3.pdf", "chapter 3.pdf"],
    ["evil\u0000name\r\n.pdf", "evilname .pdf"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe.pdf"],
    ["  spaced\t\tout  .pdf ", "spaced out .pdf"],
    [".hidden.pdf", "hidden.pdf"],
    ["", "scan.pdf"],
    ["..", "scan.pdf"],
    ["notes", "notes.pdf"],
    ["page.png", "page.pdf"],
  ])("%j becomes %j", (name, expected) => {
    expect(sanitizeFileName(name, pdf)).toBe(expected);
  });

  it("keeps any extension that fits the type and caps the length", () => {
    expect(sanitizeFileName("photo.JPEG", jpeg)).toBe("photo.JPEG");
    const long = sanitizeFileName(`${"a".repeat(300)}.pdf`, pdf);
    expect(long).toHaveLength(200);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});

describe("LocalDiskStorage", () => {
  it("puts, opens (whole or a range), checks and deletes by key", async () => {
    await storage.put("7/2026/01/a.pdf", Readable.from([Buffer.from("0123456789")]));
    expect(await storage.exists("7/2026/01/a.pdf")).toBe(true);
    expect(await text(await storage.open("7/2026/01/a.pdf"))).toBe("0123456789");
    expect(await text(await storage.open("7/2026/01/a.pdf", { start: 2, end: 4 }))).toBe("234");
    expect(await text(await storage.open("7/2026/01/a.pdf", { start: 7 }))).toBe("789");
    await storage.delete("7/2026/01/a.pdf");
    expect(await storage.exists("7/2026/01/a.pdf")).toBe(false);
    await storage.delete("7/2026/01/a.pdf");
  });

  it("is what the configuration gives, rooted at FILES_DIR", () => {
    const fromConfig = fileStorageFromConfig({ filesDir });
    expect(fromConfig).toBeInstanceOf(LocalDiskStorage);
    expect((fromConfig as LocalDiskStorage).pathOf("1/a.pdf")).toBe(path.join(filesDir, "1", "a.pdf"));
  });

  it("answers NOT_FOUND when opening a missing file", async () => {
    await expectAppError(storage.open("7/missing.pdf"), "NOT_FOUND");
  });

  it("leaves no partial file when the stream fails during put", async () => {
    const failing = Readable.from(
      (function* () {
        yield Buffer.from("half");
        throw new Error("disk went away");
      })(),
    );
    await expect(storage.put("7/x.pdf", failing)).rejects.toThrow("disk went away");
    expect(filesUnder(filesDir)).toEqual([]);
  });

  it.each([
    "../outside.pdf",
    "a/../../outside.pdf",
    "a/../b.pdf",
    "/etc/passwd",
    "a\\..\\..\\outside.pdf",
    "C:/Windows/x",
    "a//b.pdf",
    ".hidden",
    "a/./b.pdf",
    "nul\u0000.pdf",
    "",
  ])("refuses the key %j for every operation", async (key) => {
    await expect(storage.put(key, Readable.from([Buffer.from("x")]))).rejects.toBeInstanceOf(StorageKeyError);
    await expect(storage.open(key)).rejects.toBeInstanceOf(StorageKeyError);
    await expect(storage.exists(key)).rejects.toBeInstanceOf(StorageKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(StorageKeyError);
    expect(filesUnder(root).filter((f) => !f.startsWith("files-") && !f.startsWith("staging-"))).toEqual([]);
  });
});

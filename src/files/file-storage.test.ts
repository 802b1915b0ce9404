import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// The S3 driver (and with it the AWS SDK, the app's largest import), replaced by a stand-in
// that notes when it is loaded and what it is asked.
const { loaded, calls } = vi.hoisted(() => ({ loaded: [] as string[], calls: [] as string[] }));
vi.mock("./s3-storage.js", () => {
  loaded.push("s3-storage");
  class S3Storage {
    constructor(readonly s: { bucket: string }) {
      calls.push(`new ${s.bucket}`);
    }
    put = (key: string) => Promise.resolve(void calls.push(`put ${key}`));
    open = (key: string, range?: { start: number }) =>
      Promise.resolve(calls.push(`open ${key} ${range?.start ?? ""}`) && Readable.from(["x"]));
    delete = (key: string) => Promise.resolve(void calls.push(`delete ${key}`));
    exists = (key: string) => Promise.resolve(calls.push(`exists ${key}`) > 0);
  }
  return { S3Storage };
});

const { fileStorageFromConfig } = await import("./file-storage.js");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-storage-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const s3 = { bucket: "b", region: "us-east-1", endpoint: null, accessKeyId: null, secretAccessKey: null, prefix: "" };

describe("the file storage the configuration names", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("keeps files on the local disk without loading the S3 code", async () => {
    const storage = fileStorageFromConfig({ filesDir: dir });
    await storage.put("1/a.pdf", Readable.from([Buffer.from("local")]));
    expect(fs.readFileSync(path.join(dir, "1", "a.pdf"), "utf8")).toBe("local");
    expect(await storage.exists("1/a.pdf")).toBe(true);
    expect(loaded).toEqual([]);
  });

  it("with STORAGE=s3 loads the S3 driver on the first file operation, once, and hands it every call", async () => {
    const storage = fileStorageFromConfig({ filesDir: dir, s3 });
    expect(loaded).toEqual([]);
    expect(await storage.exists("1/a.pdf")).toBe(true);
    expect(loaded).toEqual(["s3-storage"]);
    await storage.put("1/b.pdf", Readable.from([Buffer.from("b")]));
    await storage.open("1/b.pdf", { start: 2 });
    await storage.delete("1/b.pdf");
    expect(calls).toEqual(["new b", "exists 1/a.pdf", "put 1/b.pdf", "open 1/b.pdf 2", "delete 1/b.pdf"]);
    expect(fs.existsSync(path.join(dir, "1", "b.pdf"))).toBe(false);
    expect(loaded).toEqual(["s3-storage"]);
  });
});

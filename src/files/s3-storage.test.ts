import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { fileStorageFromConfig } from "./file-storage.js";
import { S3Storage } from "./s3-storage.js";

let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
let dir: string;
let storage: S3Storage;
let endpoint: string;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-s3-"));
  server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: dir,
    configureBuckets: [{ name: "recto" }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  storage = new S3Storage({
    bucket: "recto",
    region: "us-east-1",
    endpoint,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    prefix: "scans/",
  });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("S3 storage (against s3rver)", () => {
  it("stores a small file in one request and reads it whole and by range", async () => {
    const bytes = Buffer.from("%PDF-1.7 small file");
    await storage.put("1/2026/03/a.pdf", Readable.from([bytes]));
    expect(await storage.exists("1/2026/03/a.pdf")).toBe(true);
    expect((await readAll(await storage.open("1/2026/03/a.pdf"))).equals(bytes)).toBe(true);
    expect((await readAll(await storage.open("1/2026/03/a.pdf", { start: 1, end: 3 }))).toString()).toBe("PDF");
    expect((await readAll(await storage.open("1/2026/03/a.pdf", { start: 9 }))).toString()).toBe("small file");
  });

  it("streams a large file in parts (multipart upload) and reads back the same bytes", async () => {
    const bytes = randomBytes(20 * 1024 * 1024 + 123);
    const chunks = Array.from({ length: 21 }, (_, i) => bytes.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
    await storage.put("1/2026/03/big.pdf", Readable.from(chunks));
    const back = await readAll(await storage.open("1/2026/03/big.pdf"));
    expect(back.length).toBe(bytes.length);
    expect(back.equals(bytes)).toBe(true);
  });

  it("deletes, answers NOT_FOUND for a missing file, and refuses keys that leave the store", async () => {
    await storage.put("1/x.pdf", Readable.from([Buffer.from("x")]));
    await storage.delete("1/x.pdf");
    expect(await storage.exists("1/x.pdf")).toBe(false);
    await expect(storage.open("1/x.pdf")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await storage.delete("1/never-there.pdf");
    await expect(storage.put("../etc/passwd", Readable.from([Buffer.from("x")]))).rejects.toThrow(
      /Refused storage key/,
    );
  });

  it("is chosen by STORAGE=s3, which needs S3_BUCKET", async () => {
    const config = loadConfig({
      STORAGE: "s3",
      S3_BUCKET: "recto",
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_PREFIX: "scans/",
    });
    expect(config.s3).toMatchObject({ bucket: "recto", endpoint, prefix: "scans/" });
    // the configured storage writes into the bucket: the driver made by hand reads it back
    const fromConfig = fileStorageFromConfig(config);
    await fromConfig.put("2/chosen.pdf", Readable.from([Buffer.from("in the bucket")]));
    expect((await readAll(await storage.open("2/chosen.pdf"))).toString()).toBe("in the bucket");
    expect(await fromConfig.exists("2/chosen.pdf")).toBe(true);
    expect((await readAll(await fromConfig.open("2/chosen.pdf", { start: 3 }))).toString()).toBe("the bucket");
    await fromConfig.delete("2/chosen.pdf");
    expect(await storage.exists("2/chosen.pdf")).toBe(false);
    await expect(fromConfig.open("2/chosen.pdf")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(loadConfig({}).s3).toBeNull();
    expect(() => loadConfig({ STORAGE: "s3" })).toThrow(/S3_BUCKET is required/);
  });
});

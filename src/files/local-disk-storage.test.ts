import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./local-disk-storage.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-disk-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;

async function chunksOf(stream: Readable): Promise<number[]> {
  const sizes: number[] = [];
  for await (const chunk of stream) sizes.push((chunk as Buffer).length);
  return sizes;
}

describe("reading a file from the local disk", () => {
  const storage = new LocalDiskStorage(dir);
  const content = Buffer.alloc(3 * MiB + 10, 7);

  it("reads a large file in 1 MiB chunks, whole or from a range, so a download is few reads and writes", async () => {
    await storage.put("1/big.pdf", Readable.from([content]));
    expect(await chunksOf(await storage.open("1/big.pdf"))).toEqual([MiB, MiB, MiB, 10]);
    expect(await chunksOf(await storage.open("1/big.pdf", { start: MiB, end: 3 * MiB }))).toEqual([MiB, MiB, 1]);
  });
});

import { describe, expect, it } from "vitest";
import { allMarcFiles, marcDataAvailable, marcFile } from "../../../test/marc-data.js";
import { IMPORT_PROFILES } from "./import-profiles.js";
import { readBeside, readHere, readInThread, type GroupReader, type ReaderInput } from "./import-read-thread.js";
import type { ReadCounts, ReadItem } from "./import-reading.js";

async function readAll(read: (input: ReaderInput, counts: ReadCounts) => GroupReader, input: ReaderInput) {
  const counts: ReadCounts = { files: [], records_read: 0 };
  const reader = read(input, counts);
  const items: ReadItem[] = [];
  try {
    for (let item = await reader.next(); item; item = await reader.next()) items.push(item);
  } finally {
    await reader.close();
  }
  return { items, counts };
}

const sizes = { group: 100, batch: 250 };

describe.skipIf(!marcDataAvailable)("reading an import's files in a worker thread, or here a group ahead", () => {
  it("yields the groups, entries and counts that reading here group by group yields, bad records and MFHDs included", async () => {
    for (const profile of [IMPORT_PROFILES.evergreen!, IMPORT_PROFILES.marc21!]) {
      const input: ReaderInput = {
        // every shared file: bad records, MARC-8, MARCXML, MFHDs; and a file that is not MARC
        files: [...allMarcFiles().map(marcFile), { name: "notes.txt", bytes: Buffer.from("not MARC") }],
        profile,
        sizes: { group: 100, batch: 250 },
      };
      const here = await readAll(readHere, input);
      const there = await readAll(readInThread, input);
      expect(there.counts.records_read).toBeGreaterThan(1500);
      expect(there.items.some((i) => i.kind === "not-marc")).toBe(true);
      expect(there).toEqual(here);
      expect(await readAll(readBeside, input)).toEqual(here);
    }
  });

  it("cuts groups at the batch size and the group size, as the records are read", async () => {
    const input: ReaderInput = {
      files: [marcFile("evergreen/jazz_1k.mrc")],
      profile: IMPORT_PROFILES.evergreen!,
      sizes: { group: 100, batch: 250 },
    };
    const { items } = await readAll(readInThread, input);
    const sizes = items.map((i) => (i.kind === "group" ? [i.entries.length, i.endsBatch] : []));
    expect(sizes.slice(0, 4)).toEqual([
      [100, false],
      [100, false],
      [50, true],
      [100, false],
    ]);
    expect(sizes.reduce((n, s) => n + Number(s[0]), 0)).toBe(1000);
  });

  it("answers nothing more after the last group, however often asked", async () => {
    const counts: ReadCounts = { files: [], records_read: 0 };
    const input: ReaderInput = {
      files: [marcFile("evergreen/jazz_1k.mrc")],
      profile: IMPORT_PROFILES.evergreen!,
      sizes: { group: 400, batch: 1000 },
    };
    const reader = readInThread(input, counts);
    try {
      const sizes = [];
      for (let item = await reader.next(); item; item = await reader.next())
        sizes.push(item.kind === "group" ? item.entries.length : 0);
      expect(sizes).toEqual([400, 400, 200]);
      expect(await reader.next()).toBeUndefined();
      expect(await reader.next()).toBeUndefined();
      expect(counts.records_read).toBe(1000);
    } finally {
      await reader.close();
    }
  });

  it("can be closed before the end, and then answers no more", async () => {
    const counts: ReadCounts = { files: [], records_read: 0 };
    const input: ReaderInput = {
      files: [marcFile("evergreen/jazz_1k.mrc")],
      profile: IMPORT_PROFILES.evergreen!,
      sizes: { group: 100, batch: 1000 },
    };
    const reader = readInThread(input, counts);
    expect((await reader.next())?.kind).toBe("group");
    await reader.close();
    await expect(reader.next()).rejects.toThrow(/closed/);
  });

  it("fails the import's next read when reading fails in the thread", async () => {
    const counts: ReadCounts = { files: [], records_read: 0 };
    // not bytes at all: the thread's reader throws on it
    const input = { files: [{ name: "odd", bytes: {} as Uint8Array }], profile: IMPORT_PROFILES.evergreen!, sizes };
    const reader = readInThread(input, counts);
    try {
      await expect(reader.next()).rejects.toThrow(/reading the MARC files failed/);
    } finally {
      await reader.close();
    }
  });
});

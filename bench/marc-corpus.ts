import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The import benchmark's corpus: the Evergreen ISO 2709 files of ../shared/data/marc, copied
 * until the wanted number of records. Each copy gets its own 001 and item barcodes, rewritten at
 * the byte level (directory rebuilt) so the records stay in their own encoding, MARC-8 included,
 * and the import creates new records and items instead of matching the first copy.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * ../shared/data/marc/evergreen beside the checkout; a git worktree kept one folder deeper (e.g.
 * wt/name) finds it beside its parent instead. BENCH_MARC_DIR names another folder.
 */
function evergreenDir(): string {
  if (process.env.BENCH_MARC_DIR) return path.resolve(process.env.BENCH_MARC_DIR);
  const near = path.resolve(repoRoot, "../shared/data/marc/evergreen");
  const further = path.resolve(repoRoot, "../../shared/data/marc/evergreen");
  return fs.existsSync(near) || !fs.existsSync(further) ? near : further;
}
export const EVERGREEN_DIR = evergreenDir();
const FILES = ["jazz_1k.mrc", "lul_fre_500.mrc", "FSL.marc", "hebrew.marc", "nepali.marc", "map_data.mrc"];

interface RawField {
  tag: string;
  data: Buffer; // field content with its terminator
}

function splitRecords(file: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (;;) {
    const end = file.indexOf(0x1d, start);
    if (end === -1) return out;
    out.push(file.subarray(start, end + 1));
    start = end + 1;
  }
}

function fieldsOf(rec: Buffer): { leader: Buffer; fields: RawField[] } | null {
  const base = Number(rec.toString("latin1", 12, 17));
  if (!Number.isInteger(base) || base < 25 || base > rec.length) return null;
  const fields: RawField[] = [];
  for (let at = 24; at < base - 1; at += 12) {
    const tag = rec.toString("latin1", at, at + 3);
    const length = Number(rec.toString("latin1", at + 3, at + 7));
    const start = Number(rec.toString("latin1", at + 7, at + 12));
    if (!Number.isInteger(length) || !Number.isInteger(start) || base + start + length > rec.length) return null;
    fields.push({ tag, data: rec.subarray(base + start, base + start + length) });
  }
  return { leader: rec.subarray(0, 24), fields };
}

function build(leader: Buffer, fields: RawField[]): Buffer {
  const directory = Buffer.from(
    fields
      .map((f, i) => {
        const start = fields.slice(0, i).reduce((n, g) => n + g.data.length, 0);
        return `${f.tag}${String(f.data.length).padStart(4, "0")}${String(start).padStart(5, "0")}`;
      })
      .join("") + "\x1e",
    "latin1",
  );
  const body = Buffer.concat(fields.map((f) => f.data));
  const total = 24 + directory.length + body.length + 1;
  const head = Buffer.from(leader);
  head.write(String(total).padStart(5, "0"), 0, "latin1");
  head.write(String(24 + directory.length).padStart(5, "0"), 12, "latin1");
  return Buffer.concat([head, directory, body, Buffer.from([0x1d])]);
}

/** Appends "-copy" to 001 and to every 949 $i of a record. */
function relabel(rec: Buffer, copy: number, serial: number): Buffer {
  const parsed = fieldsOf(rec);
  if (!parsed) return rec;
  const suffix = `-${copy}`;
  let has001 = false;
  const fields = parsed.fields.map((f): RawField => {
    if (f.tag === "001") {
      has001 = true;
      return { tag: f.tag, data: Buffer.concat([f.data.subarray(0, -1), Buffer.from(`${suffix}\x1e`, "latin1")]) };
    }
    if (f.tag !== "949") return f;
    // $i runs up to the next delimiter or the terminator
    const parts = f.data.toString("latin1").split("\x1f");
    const rewritten = parts.map((p, i) => {
      if (i === 0 || !p.startsWith("i")) return p;
      return p.endsWith("\x1e") ? `${p.slice(0, -1)}${suffix}\x1e` : `${p}${suffix}`;
    });
    return { tag: f.tag, data: Buffer.from(rewritten.join("\x1f"), "latin1") };
  });
  if (!has001) fields.unshift({ tag: "001", data: Buffer.from(`bench-${serial}${suffix}\x1e`, "latin1") });
  return build(parsed.leader, fields);
}

export const corpusAvailable = (): boolean => fs.existsSync(EVERGREEN_DIR);

/** The Evergreen records copied up to `records`, as one ISO 2709 file's bytes. */
export function buildCorpus(records: number): Buffer {
  const originals = FILES.flatMap((f) => splitRecords(fs.readFileSync(path.join(EVERGREEN_DIR, f))));
  const out: Buffer[] = [];
  for (let copy = 1; out.length < records; copy++) {
    for (const [serial, rec] of originals.entries()) {
      if (out.length >= records) break;
      out.push(relabel(rec, copy, serial));
    }
  }
  return Buffer.concat(out);
}

import { createHash } from "node:crypto";
import type { ImportedBibValues } from "../bibs-repository.js";
import { extractBib, isHoldingsRecord, recordKey } from "./extract-fields.js";
import { holdingsOf, type RecordHoldings } from "./extract-holdings.js";
import type { ImportProfile } from "./import-profiles.js";
import type { ImportReport } from "./import-report.js";
import { toMarcJson } from "./marc-json.js";
import { detectFormat, readMarc } from "./read-marc.js";
import { controlValue, type MarcRecord, type ReadResult } from "./record.js";

/**
 * The reading half of an import: files cut into the groups the import stores together, each
 * record read (ISO 2709 or MARCXML, MARC-8) and prepared for storing (fields, MARC-JSON, record
 * key, holdings). Nothing here touches the database or the importer's state, so a large import
 * does it in a worker thread while the main thread stores the group before (import-read-thread.ts).
 */

/** What storeBib writes of a record, worked out before any database work. */
export interface PreparedBib {
  values: ImportedBibValues;
  holdings: RecordHoldings;
}

export function prepareBib(rec: MarcRecord, profile: ImportProfile): PreparedBib {
  const fields = extractBib(rec);
  const marc = toMarcJson(rec);
  const key = recordKey(rec, () => createHash("sha256").update(marc).digest("hex"));
  // Copied onto a new object rather than spread with properties after the spread, which cost
  // about 10 µs a record in V8 against well under one: the same properties in the same order.
  const values: ImportedBibValues = Object.assign({}, fields, {
    marc,
    record_key: key,
    control_number: controlValue(rec, "001")?.trim() || null,
  });
  return { values, holdings: holdingsOf(rec, profile) };
}

/**
 * A record of a group: a bibliographic record ready to store (without its parsed fields, which
 * the storing no longer needs and a thread would have to copy), or one read as it was (a bad
 * record, an MFHD, a record whose preparing failed), stored record by record.
 */
export type GroupEntry = { file: string; number: number } & (
  { prepared: PreparedBib } | { prepared: null; result: ReadResult }
);

/** What the reading yields, in file order: a group to store, or a file that is neither format. */
export type ReadItem =
  { kind: "group"; entries: GroupEntry[]; endsBatch: boolean } | { kind: "not-marc"; file: string };

/** The report's figures the reading owns. */
export type ReadCounts = Pick<ImportReport, "files" | "records_read">;

interface ReadSource {
  name: string;
  bytes: Uint8Array;
}

/**
 * Groups of at most `group` records, cut at every `batch` records read (a batch commits after
 * its last group) and before a file that is not MARC (its problem is reported in its place).
 * Between two, null after each record: a point where the reading may pause (import-read-thread.ts).
 */
export function* readGroups(
  files: ReadSource[],
  profile: ImportProfile,
  counts: ReadCounts,
  sizes: { group: number; batch: number },
): Generator<ReadItem | null> {
  let entries: GroupEntry[] = [];
  let inBatch = 0;
  for (const file of files) {
    const format = detectFormat(file.bytes);
    const counted = { name: file.name, format, records: 0 };
    counts.files.push(counted);
    if (!format) {
      if (entries.length > 0) yield { kind: "group", entries, endsBatch: false };
      entries = [];
      yield { kind: "not-marc", file: file.name };
      continue;
    }
    for (const result of readMarc(file.bytes, format)) {
      counted.records += 1;
      counts.records_read += 1;
      entries.push(entryOf(file.name, result, profile));
      inBatch += 1;
      const endsBatch = inBatch >= sizes.batch;
      if (endsBatch || entries.length >= sizes.group) {
        yield { kind: "group", entries, endsBatch };
        entries = [];
        if (endsBatch) inBatch = 0;
      } else yield null;
    }
  }
  if (entries.length > 0) yield { kind: "group", entries, endsBatch: false };
}

/** The next item of `reading`, read through without pausing. */
export function nextOf(reading: Generator<ReadItem | null>): ReadItem | undefined {
  for (;;) {
    const step = reading.next();
    if (step.done) return undefined;
    if (step.value) return step.value;
  }
}

function entryOf(file: string, result: ReadResult, profile: ImportProfile): GroupEntry {
  const as = { file, number: result.number, prepared: null, result };
  if (!result.ok || isHoldingsRecord(result.record)) return as;
  try {
    return { file, number: result.number, prepared: prepareBib(result.record, profile) };
  } catch {
    // stored record by record, where preparing it again fails under its savepoint and is reported
    return as;
  }
}

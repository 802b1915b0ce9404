import type { Executor } from "../../db/database.js";
import { insertImportedBibs } from "../bibs-repository.js";
import { insertHoldings } from "../holdings-repository.js";
import { insertItems } from "../items-repository.js";
import { deferSearchIndex, indexNewBibs } from "../search-repository.js";
import { isHoldingsRecord } from "./extract-fields.js";
import type { HoldingSpec } from "./extract-holdings.js";
import type { Importer } from "./import-marc.js";
import { prepareBib, type GroupEntry, type PreparedBib } from "./import-reading.js";
import type { ImportReport } from "./import-report.js";
import * as repo from "./import-repository.js";

/**
 * Storing a group of records read in a row. Most records of a large load are new: a bib whose key
 * no bib has, with items whose barcodes no item has. Those are written in a few multi-row INSERTs
 * for the whole group instead of a savepoint and five statements each; every other record (a
 * re-import, an MFHD, a barcode seen before) takes the record-by-record path, in its turn, so
 * the result and the report are the same as storing each record alone. Should a bulk INSERT fail,
 * the group is rolled back and stored record by record, where the failing record is reported
 * and skipped alone.
 *
 * The bibs the bulk INSERTs write are indexed for search later, in one statement for all the
 * groups of a batch (indexWaiting): before the batch commits, and before any record stored
 * record by record, whose triggers may index a bib again. On SQLite the search index (FTS5)
 * writes out what it holds at every savepoint: indexed group by group, each group's release
 * took about a millisecond.
 */

/** Thrown for a record that cannot be stored; it is reported with this message and skipped. */
export class RecordSkipped extends Error {}

const COUNTS = [
  "records_skipped",
  "bibs_created",
  "bibs_updated",
  "bibs_unchanged",
  "holdings_created",
  "holdings_updated",
  "items_created",
  "items_updated",
  "items_unchanged",
  "items_skipped",
] as const;

/** What a rollback must undo of the report and of the importer's resolved places and bibs to index. */
function snapshot(importer: Importer) {
  const report = importer.report;
  const counts = Object.fromEntries(COUNTS.map((k) => [k, report[k]])) as Record<(typeof COUNTS)[number], number>;
  return {
    counts,
    problems: report.problems.length,
    changes: report.changes.length,
    createdLibraries: report.created_libraries.length,
    createdLocations: report.created_locations.length,
    unknownLibraries: { ...report.unknown_libraries },
    unknownLocations: { ...report.unknown_locations },
    // a copy: what waits may be indexed inside the group, and that is rolled back with it
    unindexed: [...importer.unindexed],
  };
}

function restore(importer: Importer, before: ReturnType<typeof snapshot>) {
  const report = importer.report;
  importer.forgetCreated(before.createdLibraries, before.createdLocations);
  for (const k of COUNTS) report[k] = before.counts[k];
  report.problems.length = before.problems;
  report.changes.length = before.changes;
  report.unknown_libraries = before.unknownLibraries;
  report.unknown_locations = before.unknownLocations;
  importer.unindexed.splice(0, importer.unindexed.length, ...before.unindexed);
}

/** Indexes the bibs the bulk INSERTs wrote since the last call (see the top of this file). */
export async function indexWaiting(db: Executor, importer: Importer) {
  if (importer.unindexed.length > 0) await indexNewBibs(db, importer.unindexed.splice(0));
}

const problemOf = (report: ImportReport, file: string, number: number) => (message: string) =>
  report.problems.push({ file, record: number, message });

/** A bib as prepared while reading; else the record as read: an MFHD, or a bib prepared here, under the caller's savepoint. */
async function storeRecord(db: Executor, importer: Importer, entry: GroupEntry, problem: (m: string) => void) {
  if (entry.prepared !== null) return importer.storeBib(db, entry.file, entry.number, entry.prepared, problem);
  const { result } = entry;
  if (!result.ok) throw new RecordSkipped(result.problem);
  if (isHoldingsRecord(result.record)) return importer.storeMfhd(db, result.record, problem);
  return importer.storeBib(db, entry.file, entry.number, prepareBib(result.record, importer.settings.profile), problem);
}

/** A record read as bad: reported without a look at the database. */
const readAsBad = (
  entry: GroupEntry,
): entry is GroupEntry & { prepared: null; result: { ok: false; problem: string } } =>
  entry.prepared === null && !entry.result.ok;

/** One record under its own savepoint: a failure rolls back the record alone and reports it. */
async function storeOne(db: Executor, importer: Importer, entry: GroupEntry) {
  const report = importer.report;
  const problem = problemOf(report, entry.file, entry.number);
  if (readAsBad(entry)) {
    report.records_skipped += 1;
    problem(entry.result.problem);
    return;
  }
  const before = snapshot(importer);
  await repo.savepoint(db);
  try {
    await storeRecord(db, importer, entry, problem);
    await repo.releaseSavepoint(db);
  } catch (err) {
    await repo.rollbackToSavepoint(db);
    await repo.releaseSavepoint(db);
    // the record left nothing behind, so its counts go too
    restore(importer, before);
    report.records_skipped += 1;
    problem(
      err instanceof RecordSkipped
        ? err.message
        : `could not be stored: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** A new bib waiting for the group's bulk INSERTs, with the holdings whose places are known. */
interface PendingBib {
  prepared: PreparedBib;
  holdings: { spec: HoldingSpec; libraryId: number; locationId: number }[];
}

/**
 * Writes the waiting new bibs, their holdings and their items: three multi-row INSERTs, the
 * triggers held back; the bibs wait for indexWaiting to index them with their holdings in one
 * statement, instead of the triggers indexing each bib once for itself and again for each of
 * its holdings.
 */
async function flush(db: Executor, importer: Importer, pending: PendingBib[]) {
  if (pending.length === 0) return;
  const { institutionId, at } = importer.settings;
  await deferSearchIndex(db);
  const bibIds = await insertImportedBibs(
    db,
    institutionId,
    pending.map((p) => p.prepared.values),
    at,
  );
  const places = pending.flatMap((p, i) =>
    p.holdings.map((h) => ({ ...h, bib_id: bibIds[i]!, library_id: h.libraryId, location_id: h.locationId })),
  );
  const holdingIds = await insertHoldings(
    db,
    institutionId,
    places.map((h) => ({
      bib_id: h.bib_id,
      library_id: h.library_id,
      location_id: h.location_id,
      call_number: h.spec.callNumber,
      summary_holdings: h.spec.summary,
    })),
    at,
  );
  const items = places.flatMap((h, i) =>
    h.spec.items.map((item) => ({
      holding: { id: holdingIds[i]!, bib_id: h.bib_id, library_id: h.library_id, location_id: h.location_id },
      // as storeHolding: an item's own material type is for exceptions; the bib's applies otherwise
      values: {
        barcode: item.barcode,
        description: item.description,
        item_policy: item.itemType,
        material_type: null,
        page_count: null,
        process_status: "IN_PLACE" as const,
      },
    })),
  );
  await insertItems(db, institutionId, items, at);
  await indexNewBibs(db, []);
  importer.unindexed.push(...bibIds);
  pending.length = 0;
}

/**
 * Takes a new bib into `pending` when nothing about it needs a look at the database beyond what
 * was fetched for the group, counting and reporting it exactly as storeBib would; false otherwise.
 */
async function takeNewBib(
  db: Executor,
  importer: Importer,
  entry: GroupEntry & { prepared: PreparedBib },
  pending: PendingBib[],
) {
  const report = importer.report;
  const { prepared } = entry;
  const problem = problemOf(report, entry.file, entry.number);
  for (const p of prepared.holdings.problems) {
    problem(p);
    report.items_skipped += 1;
  }
  const holdings: PendingBib["holdings"] = [];
  for (const spec of prepared.holdings.holdings) {
    const place = await importer.placeOf(db, spec);
    if (place === null) continue;
    holdings.push({ spec, ...place });
    report.holdings_created += 1;
    report.items_created += spec.items.length;
  }
  report.bibs_created += 1;
  pending.push({ prepared, holdings });
}

/** Stores a group of records read in a row (see the top of this file). */
export async function storeGroup(db: Executor, importer: Importer, group: GroupEntry[]) {
  const { institutionId } = importer.settings;
  const prepared = group.map((e) => e.prepared);
  const keys = prepared.flatMap((p) => (p ? [p.values.record_key] : []));
  const barcodes = prepared.flatMap((p) =>
    p ? p.holdings.holdings.flatMap((h) => h.items.map((i) => i.barcode)) : [],
  );
  const seenKeys = await repo.existingValues(db, institutionId, { table: "bibs", column: "record_key" }, keys);
  const seenBarcodes = await repo.existingValues(db, institutionId, { table: "items", column: "barcode" }, barcodes);

  const before = snapshot(importer);
  await repo.savepoint(db, "marc_group");
  try {
    const pending: PendingBib[] = [];
    for (const [i, entry] of group.entries()) {
      const p = prepared[i] ?? null;
      const codes = p ? p.holdings.holdings.flatMap((h) => h.items.map((item) => item.barcode)) : [];
      // a record whose key or a barcode was met before (in the database or earlier in the group) updates or clashes
      const isNew =
        p !== null &&
        !seenKeys.has(p.values.record_key) &&
        codes.every((c) => !seenBarcodes.has(c)) &&
        new Set(codes).size === codes.length;
      if (p) seenKeys.add(p.values.record_key);
      for (const c of codes) seenBarcodes.add(c);
      if (isNew) await takeNewBib(db, importer, { ...entry, prepared: p }, pending);
      else {
        // the record-by-record path reads the database and fires the triggers, so what waits is written and indexed first
        await flush(db, importer, pending);
        if (!readAsBad(entry)) await indexWaiting(db, importer);
        await storeOne(db, importer, entry);
      }
    }
    await flush(db, importer, pending);
    await repo.releaseSavepoint(db, "marc_group");
  } catch {
    await repo.rollbackToSavepoint(db, "marc_group");
    await repo.releaseSavepoint(db, "marc_group");
    restore(importer, before);
    await indexWaiting(db, importer);
    for (const entry of group) await storeOne(db, importer, entry);
  }
}

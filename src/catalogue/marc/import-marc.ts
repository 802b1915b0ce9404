import { withBulkLoad } from "../../db/bulk-load.js";
import type { Db, Executor } from "../../db/database.js";
import { dialectOf, type Dialect } from "../../db/dialect.js";
import {
  insertLibrary,
  insertLocation,
  findLibraryByCode,
  findLocationByCode,
} from "../../organisation/libraries-repository.js";
import { parseIdentifiers } from "../bib-fields.js";
import {
  findBibByKey,
  findBibIdByControlNumber,
  insertImportedBib,
  updateImportedBib,
  type ImportedBibValues,
} from "../bibs-repository.js";
import { findHoldingAt, insertHolding, setHoldingSummary } from "../holdings-repository.js";
import { findItemByBarcode, insertItem, moveItem } from "../items-repository.js";
import { from852, mfhdTarget, type HoldingSpec, type RecordHoldings } from "./extract-holdings.js";
import type { ImportProfile } from "./import-profiles.js";
import { refreshStatistics } from "./import-repository.js";
import { readBeside, readHere, readInThread, THREAD_FROM_RECORDS } from "./import-read-thread.js";
import type { PreparedBib, ReadItem } from "./import-reading.js";
import { indexWaiting, RecordSkipped, storeGroup } from "./import-store.js";
import { emptyReport, type ImportReport } from "./import-report.js";
import { detectFormat } from "./read-marc.js";
import type { MarcRecord } from "./record.js";

/**
 * Imports MARC files into an institution's catalogue: bibs matched by their record key (so a
 * re-import updates instead of duplicating), holdings and items as the profile says. A bad
 * record is reported with its file and number and skipped; the rest goes on. Records are
 * written in batches (one transaction each), every record under its own savepoint, so a
 * failure never leaves half a record. A dry run does all of it in one transaction and rolls
 * it back, so its report says exactly what a real run would change.
 */

export interface MarcFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  institutionId: number;
  profile: ImportProfile;
  dryRun: boolean;
  /** create libraries and locations that the items name and the institution lacks */
  createMissing: boolean;
  now: Date;
  /** records written per transaction; a dry run ignores it */
  batchSize?: number;
  /** after every record; no database work here, a batch transaction is open */
  onProgress?: (done: number, total: number) => void;
  /** after every committed batch, when the database is free again (the job records progress here) */
  onCommitted?: (done: number, total: number) => Promise<void>;
}

/** Counts the records of a file without parsing them, for progress. */
export function countRecords(bytes: Uint8Array): number {
  const format = detectFormat(bytes);
  if (format === "marcxml") {
    return (
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        .toString("utf8")
        .match(/<\/(?:[\w.-]+:)?record\s*>/g) ?? []
    ).length;
  }
  let n = 0;
  for (let at = bytes.indexOf(0x1d); at !== -1; at = bytes.indexOf(0x1d, at + 1)) n += 1;
  return n;
}

/**
 * Records stored together (import-store.ts): enough to make the bulk INSERTs count, few enough
 * that what a group holds between reading and writing stays cheap for the garbage collector
 * (the young generation copies every survivor). On SQLite, 500 records took about 20 % more
 * CPU per record than 100; on PostgreSQL each statement is a round trip, and groups of 500
 * imported nearly twice as fast as groups of 100.
 */
const GROUP_RECORDS: Record<Dialect, number> = { sqlite: 100, postgres: 500 };

const BIB_FIELDS = [
  "title",
  "statement_of_responsibility",
  "author",
  "publisher",
  "publication_date",
  "publication_year",
  "edition",
  "isbn",
  "issn",
  "language",
  "material_type",
  "extent",
  "page_count",
  "subjects",
  "identifiers",
  "full_text_url",
  "marc",
  "control_number",
] as const;

/** State that lives across records: ids of places already resolved, and the report. */
export class Importer {
  private libraries = new Map<string, number | null>();
  private locations = new Map<string, number | null>();
  /** bibs written with the triggers held back and not yet indexed (import-store.ts, indexWaiting) */
  readonly unindexed: number[] = [];
  constructor(
    private readonly opts: ImportOptions,
    readonly report: ImportReport,
  ) {
    this.at = opts.now.toISOString();
  }

  private readonly at: string;

  get settings() {
    return { institutionId: this.opts.institutionId, at: this.at, profile: this.opts.profile };
  }

  private async libraryId(db: Executor, code: string): Promise<number | null> {
    if (this.libraries.has(code)) return this.libraries.get(code) ?? null;
    let id = (await findLibraryByCode(db, this.opts.institutionId, code))?.id ?? null;
    if (id === null && this.opts.createMissing) {
      id = (await insertLibrary(db, this.opts.institutionId, { code, name: code }, this.at)).id;
      this.report.created_libraries.push(code);
    }
    this.libraries.set(code, id);
    return id;
  }

  private async locationId(db: Executor, libraryId: number, libraryCode: string, code: string) {
    const key = `${libraryCode}/${code}`;
    if (this.locations.has(key)) return this.locations.get(key) ?? null;
    let id = (await findLocationByCode(db, this.opts.institutionId, libraryId, code))?.id ?? null;
    if (id === null && this.opts.createMissing) {
      id = (await insertLocation(db, this.opts.institutionId, libraryId, { code, name: code }, this.at)).id;
      this.report.created_locations.push(key);
    }
    this.locations.set(key, id);
    return id;
  }

  /** Forgets places created in a rolled-back record, so the next record looks again. */
  forgetCreated(librariesBefore: number, locationsBefore: number) {
    for (const code of this.report.created_libraries.splice(librariesBefore)) this.libraries.delete(code);
    for (const key of this.report.created_locations.splice(locationsBefore)) this.locations.delete(key);
  }

  async storeHoldings(
    db: Executor,
    bib: { id: number; isNew: boolean },
    found: RecordHoldings,
    problem: (m: string) => void,
  ) {
    for (const p of found.problems) {
      problem(p);
      this.report.items_skipped += 1;
    }
    for (const h of found.holdings) await this.storeHolding(db, bib, h, problem);
  }

  /**
   * The library and location ids of a holding; null when either is unknown and not created, the
   * holding's items then counted as held back by that code.
   */
  async placeOf(db: Executor, h: HoldingSpec): Promise<{ libraryId: number; locationId: number } | null> {
    const libraryId = await this.libraryId(db, h.libraryCode);
    const locationId = libraryId === null ? null : await this.locationId(db, libraryId, h.libraryCode, h.locationCode);
    if (libraryId === null || locationId === null) {
      const counts = libraryId === null ? this.report.unknown_libraries : this.report.unknown_locations;
      const key = libraryId === null ? h.libraryCode : `${h.libraryCode}/${h.locationCode}`;
      // counted per code, not reported per record: one missing library would otherwise flood the report
      counts[key] = (counts[key] ?? 0) + h.items.length;
      this.report.items_skipped += h.items.length;
      return null;
    }
    return { libraryId, locationId };
  }

  private async storeHolding(
    db: Executor,
    bib: { id: number; isNew: boolean },
    h: HoldingSpec,
    problem: (m: string) => void,
  ) {
    const found = await this.placeOf(db, h);
    if (found === null) return;
    const { libraryId, locationId } = found;
    const place = { bib_id: bib.id, library_id: libraryId, location_id: locationId, call_number: h.callNumber };
    // a bib created by this very record has no holdings yet: no need to look
    let holding = bib.isNew ? undefined : await findHoldingAt(db, this.opts.institutionId, place);
    if (!holding) {
      const id = await insertHolding(db, this.opts.institutionId, { ...place, summary_holdings: h.summary }, this.at);
      holding = { id, ...place, summary_holdings: h.summary } as typeof holding & object;
      this.report.holdings_created += 1;
    } else if (h.summary !== null && holding.summary_holdings !== h.summary) {
      await setHoldingSummary(db, holding.id, h.summary, this.at);
      this.report.holdings_updated += 1;
    }
    const target = { id: holding.id, bib_id: bib.id, library_id: libraryId, location_id: locationId };
    for (const item of h.items) {
      const values = { item_policy: item.itemType, description: item.description };
      const existing = await findItemByBarcode(db, this.opts.institutionId, item.barcode);
      if (!existing) {
        await insertItem(
          db,
          this.opts.institutionId,
          target,
          // an item's own material type is for exceptions (a map in a book); the bib's applies otherwise
          { barcode: item.barcode, page_count: null, process_status: "IN_PLACE", ...values, material_type: null },
          this.at,
        );
        this.report.items_created += 1;
      } else if (existing.bib_id !== bib.id) {
        this.report.items_skipped += 1;
        problem(`has item ${item.barcode}, a barcode that belongs to another record (bib ${existing.bib_id})`);
      } else if (
        existing.holding_id !== holding.id ||
        existing.item_policy !== values.item_policy ||
        existing.description !== values.description
      ) {
        await moveItem(db, existing.id, target, values, this.at);
        this.report.items_updated += 1;
      } else {
        this.report.items_unchanged += 1;
      }
    }
  }

  async storeBib(db: Executor, file: string, number: number, prepared: PreparedBib, problem: (m: string) => void) {
    const { values } = prepared;
    const key = values.record_key;
    const existing = await findBibByKey(db, this.opts.institutionId, key);
    let bibId: number;
    if (!existing) {
      bibId = await insertImportedBib(db, this.opts.institutionId, values, this.at);
      this.report.bibs_created += 1;
    } else {
      bibId = existing.id;
      const changed = BIB_FIELDS.filter((k) =>
        k === "identifiers"
          ? JSON.stringify(parseIdentifiers(existing.identifiers)) !==
            JSON.stringify(parseIdentifiers(JSON.stringify(values.identifiers)))
          : existing[k] !== values[k],
      );
      if (changed.length === 0) this.report.bibs_unchanged += 1;
      else {
        const patch: Partial<ImportedBibValues> = {};
        for (const k of changed) Object.assign(patch, { [k]: values[k] });
        await updateImportedBib(db, bibId, patch, this.at);
        this.report.bibs_updated += 1;
        if (this.report.changes.length < 100)
          this.report.changes.push({ file, record: number, bib_id: bibId, fields: [...changed] });
      }
    }
    await this.storeHoldings(db, { id: bibId, isNew: !existing }, prepared.holdings, problem);
  }

  async storeMfhd(db: Executor, rec: MarcRecord, problem: (m: string) => void) {
    if (!this.opts.profile.holdings852) {
      throw new RecordSkipped(
        `is an MFHD holdings record, which profile ${this.opts.profile.name} does not read (use marc21)`,
      );
    }
    const target = mfhdTarget(rec);
    if (!target) throw new RecordSkipped("is an MFHD holdings record without a 004 naming its bibliographic record");
    const bibId = await findBibIdByControlNumber(db, this.opts.institutionId, target);
    if (bibId === null)
      throw new RecordSkipped(`is an MFHD holdings record for 001 ${target}, which no imported record has`);
    const found: RecordHoldings = { holdings: [], problems: [] };
    from852(rec, found);
    await this.storeHoldings(db, { id: bibId, isNew: false }, found, problem);
  }
}

export function importMarc(db: Db, files: MarcFile[], opts: ImportOptions): Promise<ImportReport> {
  return withBulkLoad(db, () => importInBatches(db, files, opts));
}

async function importInBatches(db: Db, files: MarcFile[], opts: ImportOptions): Promise<ImportReport> {
  const report = emptyReport(opts.profile.name, opts.dryRun);
  const importer = new Importer(opts, report);
  const total = files.reduce((n, f) => n + countRecords(f.bytes), 0);
  const batchSize = opts.dryRun ? Number.POSITIVE_INFINITY : (opts.batchSize ?? 500);
  let done = 0;
  // records are stored in groups (import-store.ts), never across a batch's commit
  const input = {
    files,
    profile: opts.profile,
    sizes: { group: Math.min(batchSize, GROUP_RECORDS[dialectOf(db)]), batch: batchSize },
  };
  const reader =
    dialectOf(db) === "postgres"
      ? readBeside(input, report)
      : total >= THREAD_FROM_RECORDS
        ? readInThread(input, report)
        : readHere(input, report);
  let trx = await db.startTransaction().execute();
  // the statistics the group lookups are planned with, refreshed each time the import doubles
  let stored = 0;
  let analyzeAt = 1_000;
  const store = async (item: ReadItem) => {
    if (item.kind === "not-marc") {
      report.problems.push({ file: item.file, record: null, message: "is neither ISO 2709 nor MARCXML" });
      return;
    }
    await storeGroup(trx, importer, item.entries);
    for (const _ of item.entries) opts.onProgress?.(++done, Math.max(total, done));
    stored += item.entries.length;
    // a dry run never commits: only its own transaction sees what it wrote
    if (opts.dryRun && stored >= analyzeAt) {
      await refreshStatistics(trx);
      analyzeAt = stored * 2;
    }
    if (!item.endsBatch) return;
    await indexWaiting(trx, importer);
    await trx.commit().execute();
    // after the commit, so that ANALYZE's lock lasts the statement, not the batch (refreshStatistics)
    if (stored >= analyzeAt) {
      await refreshStatistics(db);
      analyzeAt = stored * 2;
    }
    if (opts.onCommitted) await opts.onCommitted(done, Math.max(total, done));
    trx = await db.startTransaction().execute();
  };
  try {
    for (let item = await reader.next(); item; item = await reader.next()) await store(item);
    // a dry run's rollback takes the bibs waiting to be indexed with the rest
    if (!opts.dryRun) await indexWaiting(trx, importer);
    if (opts.dryRun) await trx.rollback().execute();
    else await trx.commit().execute();
  } catch (err) {
    await trx.rollback().execute();
    throw err;
  } finally {
    await reader.close();
  }
  return report;
}

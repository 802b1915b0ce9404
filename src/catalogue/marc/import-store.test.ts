import { describe, expect, it } from "vitest";
import { importOptions, marcDataAvailable, marcFile } from "../../../test/marc-data.js";
import { makeInstitution } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import type { Db } from "../../db/database.js";
import { importMarc, type ImportOptions, type MarcFile } from "./import-marc.js";

const t = useTestApp();

const options = (institutionId: number, o: Partial<ImportOptions> = {}) =>
  importOptions(institutionId, t.clock.now(), o);

/**
 * The same database, counting every statement run through it: counted as its result comes back,
 * which a statement built once (db/prepared-bulk.ts) does at every run, not only when it is built.
 */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const counted = db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: (args) => ((n += 1), Promise.resolve(args.result)),
  });
  return { db: counted, statements: () => n };
}

/** What an import left in the catalogue, without ids: titles with their holdings and items. */
async function catalogue(institutionId: number) {
  const rows = await t.ctx.db
    .selectFrom("items as i")
    .innerJoin("bibs as b", "b.id", "i.bib_id")
    .innerJoin("holdings as h", "h.id", "i.holding_id")
    .innerJoin("libraries as lib", "lib.id", "i.library_id")
    .innerJoin("locations as loc", "loc.id", "i.location_id")
    .select(["b.record_key", "b.title", "h.call_number", "lib.code as library", "loc.code as location", "i.barcode"])
    .select(["i.item_policy", "i.description"])
    .where("i.institution_id", "=", institutionId)
    .execute();
  const bibs = await t.ctx.db
    .selectFrom("bibs")
    .select(["record_key", "title", "marc"])
    .where("institution_id", "=", institutionId)
    .execute();
  const byKey = (a: { record_key: string | null; barcode?: string }, b: typeof a) =>
    `${a.record_key}/${a.barcode ?? ""}`.localeCompare(`${b.record_key}/${b.barcode ?? ""}`);
  return { items: rows.sort(byKey), bibs: bibs.sort(byKey) };
}

describe.skipIf(!marcDataAvailable)("MARC import in groups", () => {
  it("writes new records in a few multi-row statements, not several per record", async () => {
    const inst = await makeInstitution(t.ctx);
    const { db, statements } = counting(t.ctx.db);
    const report = await importMarc(db, [marcFile("evergreen/jazz_1k.mrc")], options(inst.id));
    expect(report.bibs_created).toBe(1000);
    expect(report.items_created).toBeGreaterThan(1000);
    // record by record, this file took over 6,000 statements (a savepoint, lookups and inserts each)
    expect(statements()).toBeLessThan(200);
  });

  it("stores a group mixing new records and records met earlier in it as record-by-record storage does", async () => {
    const jazz = marcFile("evergreen/jazz_1k.mrc").bytes;
    // the first 60 records, then the first 30 again: the repeats are found and left unchanged
    const ends: number[] = [];
    for (let at = jazz.indexOf(0x1d); at !== -1 && ends.length < 60; at = jazz.indexOf(0x1d, at + 1)) ends.push(at + 1);
    const bytes = Buffer.concat([jazz.subarray(0, ends[59]), jazz.subarray(0, ends[29])]);
    const files: MarcFile[] = [
      { name: "mixed.mrc", bytes },
      { name: "french.mrc", bytes: marcFile("evergreen/lul_fre_500.mrc").bytes },
    ];
    const grouped = await makeInstitution(t.ctx);
    const single = await makeInstitution(t.ctx);
    const a = await importMarc(t.ctx.db, files, options(grouped.id, { batchSize: 500 }));
    // a batch of one record is a group of one: no record is ever written alongside another
    const b = await importMarc(t.ctx.db, files, options(single.id, { batchSize: 1 }));
    expect(a.bibs_unchanged).toBe(30);
    expect({ ...a, changes: a.changes.map((c) => ({ ...c, bib_id: 0 })) }).toEqual({
      ...b,
      changes: b.changes.map((c) => ({ ...c, bib_id: 0 })),
    });
    expect(await catalogue(grouped.id)).toEqual(await catalogue(single.id));
  });
});

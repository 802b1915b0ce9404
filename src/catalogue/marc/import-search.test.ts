import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { makeInstitution } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { importOptions, marcDataAvailable, marcFile } from "../../../test/marc-data.js";
import type { MaterialType } from "../bib-fields.js";
import { parseSearchQuery } from "../search-query.js";
import { searchBibs } from "../search-repository.js";
import { CANDIDATES } from "../search-rank.js";
import { importMarc } from "./import-marc.js";

/*
 * An import indexes its new records itself, once per group, with the triggers held back
 * (import-store.ts, migration 033). Search must find them exactly as when the triggers index
 * them: the same records, in the same order, for a title word, a library and a material type.
 */

const t = useTestApp();

const FILES = ["evergreen/FSL.marc", "evergreen/map_data.mrc", "evergreen/jazz_1k.mrc", "evergreen/hebrew.marc"];

/** Every search below, by record key, in an institution; libraries are named by code. */
async function searches(institutionId: number, words: string[]) {
  const libraries = await t.ctx.db
    .selectFrom("libraries")
    .select(["id", "code"])
    .where("institution_id", "=", institutionId)
    .orderBy("code")
    .execute();
  const types = (
    await t.ctx.db
      .selectFrom("bibs")
      .select("material_type")
      .distinct()
      .where("institution_id", "=", institutionId)
      .orderBy("material_type")
      .execute()
  ).map((r) => r.material_type as MaterialType);
  const found = async (q: string, filter: { libraryId?: number; materialType?: MaterialType }, limit = 50) =>
    (await searchBibs(t.ctx.db, institutionId, { query: parseSearchQuery(q), after: null, limit, ...filter })).map(
      (r) => r.record_key,
    );
  const out: Record<string, (string | null)[]> = {};
  for (const word of words) {
    // Past CANDIDATES matches, which ones are ranked follows where the rows lie in the index,
    // which on PostgreSQL re-indexing by UPDATE below moves: such a word would compare nothing.
    if ((await found(word, {}, CANDIDATES)).length >= CANDIDATES) continue;
    out[word] = await found(word, {});
    out[`title:${word}`] = await found(`title:${word}`, {});
    for (const lib of libraries) out[`${word} @${lib.code}`] = await found(word, { libraryId: lib.id });
    for (const type of types) {
      out[`${word} #${type}`] = await found(word, { materialType: type });
      for (const lib of libraries)
        out[`${word} @${lib.code} #${type}`] = await found(word, { libraryId: lib.id, materialType: type });
    }
  }
  return { out, libraries: libraries.length, types: types.length };
}

/** The first `n` records of an ISO 2709 file, as bytes; with `type`, each record's leader/06 set to it. */
function firstRecords(bytes: Uint8Array, n: number, type?: string): Buffer {
  const records: Buffer[] = [];
  for (let start = 0, end = bytes.indexOf(0x1d); end !== -1 && records.length < n; end = bytes.indexOf(0x1d, start)) {
    const record = Buffer.from(bytes.subarray(start, end + 1));
    if (type) record[6] = type.charCodeAt(0);
    records.push(record);
    start = end + 1;
  }
  return Buffer.concat(records);
}

/** The files imported into two new institutions, the second indexed again record by record by the triggers. */
async function importTwice(files: { name: string; bytes: Uint8Array }[]) {
  const imported = await makeInstitution(t.ctx);
  const byTrigger = await makeInstitution(t.ctx);
  const report = await importMarc(t.ctx.db, files, importOptions(imported.id, t.clock.now()));
  await importMarc(t.ctx.db, files, importOptions(byTrigger.id, t.clock.now()));
  // title = title fires them
  await t.ctx.db
    .updateTable("bibs")
    .set({ title: sql`title` })
    .where("institution_id", "=", byTrigger.id)
    .execute();
  const titles = await t.ctx.db
    .selectFrom("bibs")
    .select(["id", "title"])
    .where("institution_id", "=", imported.id)
    .orderBy("id")
    .execute();
  return { imported, byTrigger, report, titles };
}

/** Gives the institution's first bib a title of its own; answers its id. */
async function retitleFirst(institutionId: number): Promise<number> {
  const [first] = await t.ctx.db
    .selectFrom("bibs")
    .select("id")
    .where("institution_id", "=", institutionId)
    .orderBy("id")
    .limit(1)
    .execute();
  await t.ctx.db.updateTable("bibs").set({ title: "Zanzibarian chronicles" }).where("id", "=", first!.id).execute();
  return first!.id;
}

describe.skipIf(!marcDataAvailable)("MARC import and search", () => {
  it("finds an import's records as the triggers would have indexed them", async () => {
    const { imported, byTrigger, titles } = await importTwice(FILES.map(marcFile));
    // words of the first title of each file, and a few common ones
    const words = [
      ...new Set(
        [0, 40, 200, 700, titles.length - 1]
          .flatMap((i) => (titles[i]?.title ?? "").split(/[^\p{L}\p{N}]+/u))
          .filter((w) => w.length > 3),
      ),
      "piano",
      "blues",
      "maps",
      "quartet",
    ];
    const a = await searches(imported.id, words);
    const b = await searches(byTrigger.id, words);
    expect(a.libraries).toBeGreaterThan(1);
    expect(a.types).toBeGreaterThan(1);
    expect(a.out).toEqual(b.out);
    // the searches find something, with each kind of filter
    const hits = (pick: (key: string) => boolean) =>
      Object.entries(a.out).filter(([k, v]) => pick(k) && v.length > 0).length;
    expect(hits((k) => !k.includes("@") && !k.includes("#"))).toBeGreaterThan(3);
    expect(hits((k) => k.includes("@") && !k.includes("#"))).toBeGreaterThan(3);
    expect(hits((k) => k.includes("#") && !k.includes("@"))).toBeGreaterThan(3);
    expect(hits((k) => k.includes("#") && k.includes("@"))).toBeGreaterThan(3);

    // After an import, a single write is indexed by its trigger as before.
    const bib = { id: await retitleFirst(imported.id) };
    const after = await searchBibs(t.ctx.db, imported.id, {
      query: parseSearchQuery("zanzibarian"),
      after: null,
      limit: 5,
    });
    expect(after.map((r) => r.id)).toEqual([bib.id]);
  });

  it("indexes a record changed again in the batch that created it as the triggers would", async () => {
    const jazz = marcFile("evergreen/jazz_1k.mrc").bytes;
    // 60 new records, then the first 30 again as maps: each is stored record by record, its
    // update indexed by the triggers, after the bibs written in bulk before it were indexed
    const files = [
      { name: "twice.mrc", bytes: Buffer.concat([firstRecords(jazz, 60), firstRecords(jazz, 30, "e")]) },
      marcFile("evergreen/map_data.mrc"),
    ];
    const { imported, byTrigger, report, titles } = await importTwice(files);
    expect(report.bibs_updated).toBe(30);
    const words = [
      ...new Set(
        titles
          .slice(0, 40)
          .flatMap((r) => r.title.split(/[^\p{L}\p{N}]+/u))
          .filter((w) => w.length > 4),
      ),
    ];
    // and one of them retitled afterwards: nothing of its former index entry may be left behind
    for (const inst of [imported, byTrigger]) await retitleFirst(inst.id);
    const a = await searches(imported.id, words);
    expect(a.out).toEqual((await searches(byTrigger.id, words)).out);
    // the changed records are found as maps, and only as maps
    const maps = Object.entries(a.out).filter(([k, v]) => k.endsWith("#MAP") && !k.includes("@") && v.length > 0);
    expect(maps.length).toBeGreaterThan(3);
  });
});

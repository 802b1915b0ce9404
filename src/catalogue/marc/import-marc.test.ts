import { describe, expect, it } from "vitest";
import {
  allMarcFiles,
  countTagInIso2709,
  marcDataAvailable,
  importOptions,
  MARC_DATA_MISSING,
  marcFile,
} from "../../../test/marc-data.js";
import { client } from "../../../test/api.js";
import { admin, makeInstitution } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { importMarc, type ImportOptions, type MarcFile } from "./import-marc.js";
import { IMPORT_PROFILES } from "./import-profiles.js";
import { somethingSkipped } from "./import-report.js";

const t = useTestApp();

const options = (institutionId: number, o: Partial<ImportOptions> = {}) =>
  importOptions(institutionId, t.clock.now(), o);

const counts = async (institutionId: number) => {
  const n = async (table: "bibs" | "holdings" | "items" | "libraries" | "locations") =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("institution_id", "=", institutionId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    bibs: await n("bibs"),
    holdings: await n("holdings"),
    items: await n("items"),
    libraries: await n("libraries"),
    locations: await n("locations"),
  };
};

const bibWhere = (institutionId: number, column: "title" | "author" | "marc", like: string) =>
  t.ctx.db
    .selectFrom("bibs")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where(column, "like", like)
    .execute();

const xml = (records: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">${records}</marc:collection>`,
  );

// Importing the whole shared corpus takes a while on a busy machine; a budget, not an assertion.
const WHOLE_FILES = { timeout: 300_000 };

describe.skipIf(!marcDataAvailable)(
  `MARC import of the shared test files${marcDataAvailable ? "" : ` (${MARC_DATA_MISSING})`}`,
  () => {
    it(
      "imports every file, reports each bad record with file and number, and decodes every script",
      WHOLE_FILES,
      async () => {
        const inst = await makeInstitution(t.ctx);
        const files = allMarcFiles().map(marcFile);
        const report = await importMarc(t.ctx.db, files, options(inst.id));

        const problem = (file: string, record: number) =>
          report.problems.filter((p) => p.file === file && p.record === record).map((p) => p.message);
        expect(problem("bad_records.mrc", 2)).toEqual([expect.stringMatching(/base address/)]);
        expect(problem("bad_records.mrc", 6)).toEqual([expect.stringMatching(/base address "f0037" is not a number/)]);
        expect(problem("bad_records.mrc", 1)).toEqual([]);
        expect(problem("bad_subfield_code.dat", 1)).toEqual([
          expect.stringMatching(/length of 755 bytes, but the record has 756/),
        ]);
        expect(problem("utf8_invalid.mrc", 1)).toEqual([
          expect.stringMatching(/field 260 with an invalid subfield code/),
        ]);
        expect(problem("bad_tag.xml", 1)).toEqual([expect.stringMatching(/invalid tag "42"/)]);
        expect(problem("bad_indicator.dat", 1)).toEqual([expect.stringMatching(/invalid tag/)]);
        expect(somethingSkipped(report)).toBe(true);
        // the good records of the broken files are in
        expect(report.files.find((f) => f.name === "bad_records.mrc")?.records).toBe(8);

        // items against the 949 fields of the files themselves
        const expectedItems =
          countTagInIso2709(marcFile("evergreen/jazz_1k.mrc").bytes, "949") +
          countTagInIso2709(marcFile("evergreen/lul_fre_500.mrc").bytes, "949");
        expect(expectedItems).toBe(1994);
        const c = await counts(inst.id);
        expect(c.items).toBe(expectedItems);
        expect(report.items_created).toBe(expectedItems);
        expect(c.bibs).toBe(report.bibs_created);
        expect(report.created_libraries.sort()).toEqual(["DESMARAIS", "HUNTINGTON"]);

        // Latin with MARC-8 diacritics
        const [divin] = await bibWhere(inst.id, "title", "Le divin%");
        expect(divin?.title).toBe("Le divin : expériences et hypothèses : études psychologiques");
        expect(divin?.title).toBe(divin?.title.normalize("NFC"));
        // Cyrillic and Armenian (UTF-8 with a blank leader/09)
        expect((await bibWhere(inst.id, "title", "Стихотворения и поэмы%")).length).toBeGreaterThan(0);
        expect((await bibWhere(inst.id, "marc", "%Տեր-Հովհաննիսյան, Արտավազդ%")).length).toBeGreaterThan(0);
        // Hebrew (MARC-8 Basic Hebrew in 880)
        expect((await bibWhere(inst.id, "marc", "%לתורה%")).length).toBeGreaterThan(0);
        // Devanagari
        expect((await bibWhere(inst.id, "title", "हिमाली साहित्य%")).length).toBeGreaterThan(0);
        // nothing decoded to replacement characters or stray MARC-8 escapes
        expect(await bibWhere(inst.id, "title", "%\uFFFD%")).toEqual([]);
        expect(await bibWhere(inst.id, "marc", "%\u001b%")).toEqual([]);
      },
    );

    it("re-importing a file changes nothing and creates no duplicates", WHOLE_FILES, async () => {
      const inst = await makeInstitution(t.ctx);
      const file = marcFile("evergreen/lul_fre_500.mrc");
      const first = await importMarc(t.ctx.db, [file], options(inst.id));
      expect(first).toMatchObject({ bibs_created: 500, items_created: 756, problems: [] });
      const before = await counts(inst.id);
      const stamp = await t.ctx.db
        .selectFrom("bibs")
        .select(["id", "updated_at"])
        .where("institution_id", "=", inst.id)
        .orderBy("id")
        .execute();

      t.clock.advanceDays(1);
      const again = await importMarc(t.ctx.db, [file], options(inst.id, { now: t.clock.now() }));
      expect(again).toMatchObject({
        bibs_created: 0,
        bibs_updated: 0,
        bibs_unchanged: 500,
        holdings_created: 0,
        items_created: 0,
        items_updated: 0,
        items_unchanged: 756,
        problems: [],
      });
      expect(await counts(inst.id)).toEqual(before);
      expect(
        await t.ctx.db
          .selectFrom("bibs")
          .select(["id", "updated_at"])
          .where("institution_id", "=", inst.id)
          .orderBy("id")
          .execute(),
      ).toEqual(stamp);
    });

    it("a dry run reports what would change and writes nothing", WHOLE_FILES, async () => {
      const inst = await makeInstitution(t.ctx);
      const serials = marcFile("evergreen/serials_marc21.xml");
      const dry = await importMarc(t.ctx.db, [serials], options(inst.id, { dryRun: true }));
      expect(dry).toMatchObject({ dry_run: true, bibs_created: 7 });
      expect((await counts(inst.id)).bibs).toBe(0);

      await importMarc(t.ctx.db, [serials], options(inst.id));
      const changed = {
        name: "serials.xml",
        bytes: Buffer.from(
          serials.bytes.toString("utf8").replace("Circulation research", "Circulation research today"),
        ),
      };
      const preview = await importMarc(t.ctx.db, [changed], options(inst.id, { dryRun: true }));
      expect(preview).toMatchObject({ bibs_updated: 1, bibs_unchanged: 6 });
      expect(preview.changes).toEqual([
        { file: "serials.xml", record: 1, bib_id: expect.any(Number), fields: ["title", "marc"] },
      ]);
      expect(await bibWhere(inst.id, "title", "Circulation research today%")).toEqual([]);

      const real = await importMarc(t.ctx.db, [changed], options(inst.id));
      expect(real).toMatchObject({ bibs_updated: 1, bibs_created: 0 });
      expect((await bibWhere(inst.id, "title", "Circulation research today%")).length).toBe(1);
      expect((await counts(inst.id)).bibs).toBe(7);
    });

    it("makes imported MARC-8 records findable by the catalogue search, diacritics or not", WHOLE_FILES, async () => {
      const inst = await makeInstitution(t.ctx);
      await importMarc(t.ctx.db, [marcFile("evergreen/lul_fre_500.mrc")], options(inst.id));
      const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
      for (const q of ["experiences hypotheses", "expériences hypothèses", "title:divin"]) {
        const res = await api.get(`/api/v1/bibs?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        expect(res.body.bibs.map((b: { title: string }) => b.title)).toContain(
          "Le divin : expériences et hypothèses : études psychologiques",
        );
      }
    });

    it("reports unknown libraries without creating them unless asked", WHOLE_FILES, async () => {
      const inst = await makeInstitution(t.ctx);
      const file = marcFile("evergreen/lul_fre_500.mrc");
      const report = await importMarc(t.ctx.db, [file], options(inst.id, { createMissing: false }));
      expect(report).toMatchObject({
        bibs_created: 500,
        items_created: 0,
        items_skipped: 756,
        unknown_libraries: { DESMARAIS: 756 },
        created_libraries: [],
      });
      expect(somethingSkipped(report)).toBe(true);
      expect(await counts(inst.id)).toMatchObject({ items: 0, libraries: 2 });

      // once the library exists, only its missing locations are reported
      await t.ctx.db
        .insertInto("libraries")
        .values({
          institution_id: inst.id,
          code: "DESMARAIS",
          name: "Desmarais",
          created_at: "2026-03-02T09:00:00.000Z",
          updated_at: "2026-03-02T09:00:00.000Z",
        })
        .execute();
      const next = await importMarc(t.ctx.db, [file], options(inst.id, { createMissing: false }));
      expect(Object.keys(next.unknown_locations).sort()).toEqual(["DESMARAIS/DESM-CIR"]);
      expect(next.unknown_libraries).toEqual({});
      expect(next.bibs_unchanged).toBe(500);
    });
  },
);

describe("MARC import: holdings records and item conflicts", () => {
  const bib = (id: string, barcode?: string) => `<marc:record><marc:leader>00000nam a2200000 a 4500</marc:leader>
    <marc:controlfield tag="001">${id}</marc:controlfield>
    <marc:datafield tag="245" ind1="0" ind2="0"><marc:subfield code="a">Journal ${id}</marc:subfield></marc:datafield>
    ${barcode ? `<marc:datafield tag="949" ind1=" " ind2=" "><marc:subfield code="i">${barcode}</marc:subfield><marc:subfield code="l">STACKS</marc:subfield><marc:subfield code="m">MAIN</marc:subfield></marc:datafield>` : ""}
  </marc:record>`;
  const mfhd = (target: string) => `<marc:record><marc:leader>00000ny  a22000003  4500</marc:leader>
    <marc:controlfield tag="001">h-${target}</marc:controlfield>
    <marc:controlfield tag="004">${target}</marc:controlfield>
    <marc:datafield tag="852" ind1=" " ind2=" "><marc:subfield code="b">MAIN</marc:subfield><marc:subfield code="c">STACKS</marc:subfield><marc:subfield code="h">QA76</marc:subfield><marc:subfield code="p">V-${target}</marc:subfield></marc:datafield>
    <marc:datafield tag="866" ind1=" " ind2="0"><marc:subfield code="a">v.1-45 (1980-2024)</marc:subfield></marc:datafield>
  </marc:record>`;

  it("adds the holdings of an MFHD record to the bib its 004 names (marc21 profile), and reports one without", async () => {
    const inst = await makeInstitution(t.ctx);
    const files: MarcFile[] = [
      { name: "bibs.xml", bytes: xml(bib("J1")) },
      { name: "mfhd.xml", bytes: xml(mfhd("J1") + mfhd("NOPE")) },
    ];
    const report = await importMarc(
      t.ctx.db,
      files,
      options(inst.id, { profile: IMPORT_PROFILES.marc21!, createMissing: false }),
    );
    expect(report).toMatchObject({ bibs_created: 1, holdings_created: 1, items_created: 1, records_skipped: 1 });
    expect(report.problems).toEqual([
      { file: "mfhd.xml", record: 2, message: expect.stringMatching(/001 NOPE, which no imported record has/) },
    ]);
    const holding = await t.ctx.db
      .selectFrom("holdings")
      .selectAll()
      .where("institution_id", "=", inst.id)
      .executeTakeFirstOrThrow();
    expect(holding).toMatchObject({
      call_number: "QA76",
      summary_holdings: "v.1-45 (1980-2024)",
      location_id: inst.locations.mainStacks,
    });

    // the evergreen profile does not read MFHD: said, not guessed
    const other = await importMarc(t.ctx.db, [files[1]!], options(inst.id));
    expect(other.problems[0]?.message).toMatch(/MFHD holdings record, which profile evergreen does not read/);
  });

  it("leaves out an item whose barcode another record holds, and still imports the record", async () => {
    const inst = await makeInstitution(t.ctx);
    const report = await importMarc(
      t.ctx.db,
      [{ name: "two.xml", bytes: xml(bib("A", "BC-1") + bib("B", "BC-1")) }],
      options(inst.id),
    );
    expect(report).toMatchObject({ bibs_created: 2, items_created: 1, items_skipped: 1 });
    expect(report.problems).toEqual([
      { file: "two.xml", record: 2, message: expect.stringMatching(/BC-1, a barcode that belongs to another record/) },
    ]);
  });

  it("reports a file that is not MARC and a truncated one, and imports nothing from them", async () => {
    const inst = await makeInstitution(t.ctx);
    const one = Buffer.from("00026     2200025   4500\x1e\x1d");
    const report = await importMarc(
      t.ctx.db,
      [
        { name: "notes.txt", bytes: Buffer.from("hello") },
        { name: "cut.mrc", bytes: Buffer.concat([one, one.subarray(0, 10)]) },
        { name: "cut.xml", bytes: xml(bib("C")).subarray(0, 150) },
      ],
      options(inst.id),
    );
    expect(report.problems).toEqual([
      { file: "notes.txt", record: null, message: "is neither ISO 2709 nor MARCXML" },
      { file: "cut.mrc", record: 2, message: expect.stringMatching(/truncated/) },
      { file: "cut.xml", record: 1, message: expect.stringMatching(/truncated/) },
    ]);
    expect(report.bibs_created).toBe(1); // the complete (empty) record of cut.mrc
  });
});

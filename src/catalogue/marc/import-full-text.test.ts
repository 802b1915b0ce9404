import { describe, expect, it } from "vitest";
import { makeInstitution } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { marcDataAvailable, MARC_DATA_MISSING, marcFile } from "../../../test/marc-data.js";
import { importMarc, type ImportOptions } from "./import-marc.js";
import { IMPORT_PROFILES } from "./import-profiles.js";

/** The full text link (856) through the importer: stored, updated on re-import, and read from real records. */

const t = useTestApp();

const options = (institutionId: number): ImportOptions => ({
  institutionId,
  profile: IMPORT_PROFILES.marc21!,
  dryRun: false,
  createMissing: false,
  now: t.clock.now(),
});

const linksOf = async (institutionId: number) =>
  Object.fromEntries(
    (
      await t.ctx.db
        .selectFrom("bibs")
        .select(["control_number", "full_text_url"])
        .where("institution_id", "=", institutionId)
        .execute()
    ).map((b) => [b.control_number, b.full_text_url]),
  );

const record = (id: string, ...links: [ind2: string, note: string, url: string][]) =>
  `<marc:record><marc:leader>00000nam a2200000 a 4500</marc:leader>
    <marc:controlfield tag="001">${id}</marc:controlfield>
    <marc:datafield tag="245" ind1="0" ind2="0"><marc:subfield code="a">Title ${id}</marc:subfield></marc:datafield>
    ${links
      .map(
        ([ind2, note, url]) =>
          `<marc:datafield tag="856" ind1="4" ind2="${ind2}">${note ? `<marc:subfield code="3">${note}</marc:subfield>` : ""}<marc:subfield code="u">${url}</marc:subfield></marc:datafield>`,
      )
      .join("")}
  </marc:record>`;
const file = (...records: string[]) => ({
  name: "links.xml",
  bytes: Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">${records.join("")}</marc:collection>`,
  ),
});

describe("MARC import: the full text link", () => {
  it("stores the link to the text, and a re-import changes or removes it", async () => {
    const inst = await makeInstitution(t.ctx);
    await importMarc(
      t.ctx.db,
      [
        file(
          record("E1", ["0", "", "https://example.org/e1.pdf"]),
          record("E2", ["1", "Table of contents", "https://example.org/e2-toc"]),
          record("E3"),
        ),
      ],
      options(inst.id),
    );
    expect(await linksOf(inst.id)).toEqual({ E1: "https://example.org/e1.pdf", E2: null, E3: null });

    const again = await importMarc(
      t.ctx.db,
      [
        file(
          record("E1"),
          record("E2", ["1", "Table of contents", "https://example.org/e2-toc"], ["1", "", "http://example.org/e2"]),
          record("E3"),
        ),
      ],
      options(inst.id),
    );
    expect(await linksOf(inst.id)).toEqual({ E1: null, E2: "http://example.org/e2", E3: null });
    expect(again).toMatchObject({ bibs_created: 0, bibs_updated: 2, bibs_unchanged: 1 });
    expect(again.changes.map((c) => c.fields)).toEqual([
      expect.arrayContaining(["full_text_url"]),
      expect.arrayContaining(["full_text_url"]),
    ]);
  });

  it.skipIf(!marcDataAvailable)(
    `reads the 856 of the shared Library of Congress and Evergreen records${marcDataAvailable ? "" : ` (${MARC_DATA_MISSING})`}`,
    async () => {
      const inst = await makeInstitution(t.ctx);
      const files = ["pymarc/batch.xml", "pymarc/marc.dat", "pymarc/regression45.dat", "evergreen/serials_marc21.xml"];
      await importMarc(t.ctx.db, files.map(marcFile), options(inst.id));
      const links = await linksOf(inst.id);
      // 856 40: the resource itself (the first of two)
      expect(links["12149120"]).toBe("http://www.whitehouse.gov");
      // 856 41 $3 "Table of contents": only about the book
      expect(links["13284395"]).toBeNull();
      // 856 41: digital versions of a photograph, the first taken
      expect(links["prk2000001890"]).toBe("http://hdl.loc.gov/loc.pnp/prok.11711");
      // 856 with a blank second indicator ("Available online" through a proxy): the relation is not stated
      expect(links["21061"]).toBeNull();
      const withLink = Object.values(links).filter((u): u is string => u !== null);
      expect(withLink.length).toBeGreaterThan(2);
      expect(withLink.every((u) => /^https?:\/\//.test(u))).toBe(true);
    },
  );
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, type InstitutionFixture } from "../../test/factories.js";
import { bibRow } from "../../test/bib-row.js";
import { useTestApp } from "../../test/harness.js";
import { CANDIDATES } from "./search-rank.js";

const t = useTestApp();

/*
 * A search ranks at most CANDIDATES records, so that its cost does not grow with the number of
 * matches (issue 14): the pages of a very common word end there, while the library and
 * material type filters, being words of the index, reach every record that passes them.
 */

describe("catalogue search over more matches than it ranks", () => {
  let inst: InstitutionFixture;
  let key: string;
  const beyond: number[] = [];

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    key = (await admin(t.ctx, inst)).apiKey;
    const at = t.ctx.clock.now().toISOString();
    const bibs = (titles: string[], material_type: "BOOK" | "MAP") =>
      t.ctx.db
        .insertInto("bibs")
        .values(titles.map((title) => bibRow(inst.id, title, material_type, at)))
        .returning("id")
        .execute();
    const hold = (ids: { id: number }[], library_id: number, location_id: number) =>
      t.ctx.db
        .insertInto("holdings")
        .values(
          ids.map(({ id }) => ({
            institution_id: inst.id,
            bib_id: id,
            library_id,
            location_id,
            call_number: null,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    const common = await bibs(
      Array.from({ length: CANDIDATES + 10 }, (_, i) => `Common words, volume ${i}`),
      "BOOK",
    );
    await hold(common, inst.libraries.main, inst.locations.mainStacks);
    // added last, so beyond the first CANDIDATES matches of "common" in the index
    const late = await bibs(["Common maps of the law library", "Common law maps, rare edition"], "MAP");
    await hold(late, inst.libraries.law, inst.locations.lawStacks);
    beyond.push(...late.map((r) => Number(r.id)));
  });

  const pages = async (query: string) => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : "";
      const res = await client(t.app, key).get(`/api/v1/bibs?${query}&limit=100${after}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.bibs.map((b: { mms_id: string }) => Number(b.mms_id)));
      cursor = res.body.next_cursor;
    } while (cursor);
    return seen;
  };

  it("pages through CANDIDATES ranked records of a word found in more, each once", async () => {
    const seen = await pages("q=common");
    expect(seen).toHaveLength(CANDIDATES);
    expect(new Set(seen).size).toBe(CANDIDATES);
  });

  it("reaches the records beyond them with a narrower search or a filter", async () => {
    expect(await pages("q=common%20rare")).toEqual([beyond[1]]);
    expect((await pages("q=common&library=LAW")).sort()).toEqual([...beyond].sort());
    expect((await pages("q=common&material_type=MAP")).sort()).toEqual([...beyond].sort());
    expect(await pages("q=common&material_type=MAP&library=MAIN")).toEqual([]);
  });

  it("never finds a record by the words its filters are indexed as", async () => {
    for (const q of ["mtmap", "mtbook", `lb${inst.libraries.law}`, "facets:mtmap", "lb"]) {
      expect(await pages(`q=${q}`), q).toEqual([]);
    }
  });
});

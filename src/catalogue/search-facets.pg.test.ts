import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { bibRow } from "../../test/bib-row.js";
import { makeInstitution, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import type { Executor } from "../db/database.js";
import type { MaterialType } from "./bib-fields.js";
import { deferSearchIndex, indexNewBibs } from "./search-repository.js";

/*
 * A MARC import indexes a group of new records in one statement that reads the group's
 * libraries in one pass over its holdings (migration 040); the triggers index one record at a
 * time. Both must give every record the same facets, in the words and order of migration 029.
 * PostgreSQL only (a *.pg.test.ts file): SQLite's index view has no such grouped path.
 */

const t = useTestApp();

type Holder = keyof InstitutionFixture["libraries"];

// a record without holdings, one held twice in one library, one held in two (the later library first)
const RECORDS: { title: string; type: MaterialType; held: Holder[] }[] = [
  { title: "Unheld", type: "BOOK", held: [] },
  { title: "Twice in law", type: "MAP", held: ["law", "law"] },
  { title: "Law then main", type: "JOURNAL", held: ["law", "main"] },
];

/** Writes the records and their holdings; the ids in the order of RECORDS. */
async function write(db: Executor, inst: InstitutionFixture) {
  const at = t.clock.now().toISOString();
  const ids: number[] = [];
  for (const r of RECORDS) {
    const { id } = await db
      .insertInto("bibs")
      .values(bibRow(inst.id, r.title, r.type, at))
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(id);
    for (const holder of r.held) {
      const location = holder === "law" ? inst.locations.lawStacks : inst.locations.mainStacks;
      await db
        .insertInto("holdings")
        .values({
          institution_id: inst.id,
          bib_id: id,
          library_id: inst.libraries[holder],
          location_id: location,
          call_number: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  }
  return ids;
}

async function facetsOf(ids: number[]) {
  const { rows } = await sql<{ bib_id: string; facets: string[] }>`select bib_id, facets from bibs_search
    where bib_id = any(${ids}::bigint[])`.execute(t.ctx.db);
  const byId = new Map(rows.map((r) => [Number(r.bib_id), r.facets]));
  return ids.map((id) => byId.get(id));
}

describe("search facets of a grouped index", () => {
  it("are those the triggers give record by record, in migration 029's words and order", async () => {
    const grouped = await makeInstitution(t.ctx);
    const byTrigger = await makeInstitution(t.ctx);
    const groupedIds = await t.ctx.db.transaction().execute(async (trx) => {
      await deferSearchIndex(trx);
      const ids = await write(trx, grouped);
      await indexNewBibs(trx, ids);
      return ids;
    });
    const triggerIds = await write(t.ctx.db, byTrigger);

    const words = (inst: InstitutionFixture) => {
      const { main, law } = inst.libraries;
      expect(main).toBeLessThan(law);
      return [
        ["mt:BOOK"],
        ["mt:MAP", `lb:${law}`, `lb:${law}/mt:MAP`],
        ["mt:JOURNAL", `lb:${main}`, `lb:${main}/mt:JOURNAL`, `lb:${law}`, `lb:${law}/mt:JOURNAL`],
      ];
    };
    expect(await facetsOf(groupedIds)).toEqual(words(grouped));
    expect(await facetsOf(triggerIds)).toEqual(words(byTrigger));

    // the words themselves, from a material type and libraries in ascending id
    const { rows } = await sql<{
      words: string[];
    }>`select recto_search_facet_words('MAP', array[3, 12]::bigint[]) as words`.execute(t.ctx.db);
    expect(rows[0]!.words).toEqual(["mt:MAP", "lb:3", "lb:3/mt:MAP", "lb:12", "lb:12/mt:MAP"]);
  });
});

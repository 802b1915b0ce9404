import { describe, expect, it } from "vitest";
import { bibRow } from "../../../test/bib-row.js";
import { emptyDatabase } from "../../../test/empty-database.js";
import { parseSearchQuery } from "../../catalogue/search-query.js";
import { searchBibs } from "../../catalogue/search-repository.js";
import type { MaterialType } from "../../catalogue/bib-fields.js";
import * as m001 from "./001_initial.js";
import * as m005 from "./005_outbox_indexes.js";
import * as m009 from "./009_catalogue_search.js";
import * as m029 from "./029_search_facets.js";

/*
 * Migration 029 on a database that already holds records and holdings: the library and
 * material type filters are read from the index afterwards, so the rows already there must be
 * indexed with their facets, and later holdings must re-index their record.
 */

describe("migration 029 (search facets)", () => {
  it("indexes the records already there with their libraries and material type, then follows holdings", async () => {
    const { db, dialect } = await emptyDatabase();
    await m001.up(db, dialect);
    await m005.up(db, dialect);
    await m009.up(db, dialect);
    const at = "2026-03-02T09:00:00.000Z";
    const stamp = { created_at: at, updated_at: at };
    const inst = await db
      .insertInto("institutions")
      .values({ code: "OLD", name: "Old", time_zone: "UTC", default_language: "en", ...stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    const place = async (code: string) => {
      const library = await db
        .insertInto("libraries")
        .values({ institution_id: inst.id, code, name: code, ...stamp })
        .returning("id")
        .executeTakeFirstOrThrow();
      const location = await db
        .insertInto("locations")
        .values({ institution_id: inst.id, library_id: library.id, code: "STACKS", name: "Stacks", ...stamp })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { library_id: library.id, location_id: location.id };
    };
    const main = await place("MAIN");
    const law = await place("LAW");
    const bib = async (title: string, material_type: MaterialType) =>
      (
        await db
          .insertInto("bibs")
          .values(bibRow(inst.id, title, material_type, at))
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const hold = (bibId: number, where: { library_id: number; location_id: number }) =>
      db
        .insertInto("holdings")
        .values({ institution_id: inst.id, bib_id: bibId, ...where, call_number: null, ...stamp })
        .returning("id")
        .executeTakeFirstOrThrow();
    const book = await bib("Old maps of the harbour", "BOOK");
    const map = await bib("Harbour map", "MAP");
    await hold(book, main);
    await hold(map, law);

    await m029.up(db, dialect);
    const found = async (q: string, filter: { libraryId?: number; materialType?: MaterialType } = {}) =>
      (await searchBibs(db, inst.id, { query: parseSearchQuery(q), after: null, limit: 10, ...filter }))
        .map((r) => r.id)
        .sort((a, b) => a - b);

    expect(await found("harbour")).toEqual([book, map].sort((a, b) => a - b));
    expect(await found("harbour", { libraryId: law.library_id })).toEqual([map]);
    expect(await found("harbour", { libraryId: main.library_id })).toEqual([book]);
    expect(await found("harbour", { materialType: "MAP" })).toEqual([map]);
    expect(await found("harbour", { materialType: "MAP", libraryId: main.library_id })).toEqual([]);

    // a new holding, a moved holding, a deleted holding and a new material type re-index the record
    const second = await hold(book, law);
    expect(await found("harbour", { libraryId: law.library_id })).toEqual([book, map].sort((a, b) => a - b));
    await db.updateTable("holdings").set(main).where("id", "=", second.id).execute();
    expect(await found("harbour", { libraryId: law.library_id })).toEqual([map]);
    await db.deleteFrom("holdings").where("bib_id", "=", map).execute();
    expect(await found("harbour", { libraryId: law.library_id })).toEqual([]);
    await db.updateTable("bibs").set({ material_type: "MAP" }).where("id", "=", book).execute();
    expect(await found("maps", { materialType: "MAP", libraryId: main.library_id })).toEqual([book]);
    // a record deleted with its holdings leaves the index
    await db.deleteFrom("bibs").where("id", "=", book).execute();
    expect(await found("harbour")).toEqual([map]);
  });
});

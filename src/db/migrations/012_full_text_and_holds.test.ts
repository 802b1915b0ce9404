import { describe, expect, it } from "vitest";
import { emptyDatabase } from "../../../test/empty-database.js";
import * as m001 from "./001_initial.js";
import * as m005 from "./005_outbox_indexes.js";
import * as m006 from "./006_rule_engine.js";
import * as m007 from "./007_letters_and_links.js";
import * as m008 from "./008_marc_import.js";
import * as m009 from "./009_catalogue_search.js";
import * as m010 from "./010_requests_user_list_index.js";
import * as m012 from "./012_full_text_and_holds.js";

/* Migration 012 on a database that already has terms of use and records. */

describe("migration 012 (full text and holds)", () => {
  it("makes existing terms of use requestable, new ones too unless they say otherwise, and leaves records without a link", async () => {
    const { db, dialect } = await emptyDatabase();
    for (const m of [m001, m005, m006, m007, m008, m009, m010]) await m.up(db, dialect);
    const at = "2026-03-02T09:00:00.000Z";
    const inst = await db
      .insertInto("institutions")
      .values({ code: "OLD", name: "Old", time_zone: "UTC", default_language: "en", created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    const terms = (code: string) => ({
      institution_id: inst.id,
      code,
      name: code,
      is_digitizable: 1,
      fee_amount: null,
      fee_currency: null,
      max_pages_per_request: null,
      created_at: at,
      updated_at: at,
    });
    await db.insertInto("terms_of_use").values(terms("BEFORE")).execute();
    await db
      .insertInto("bibs")
      .values({
        institution_id: inst.id,
        title: "Old record",
        material_type: "BOOK",
        identifiers: "{}",
        created_at: at,
        updated_at: at,
      })
      .execute();

    await m012.up(db, dialect);
    await db.insertInto("terms_of_use").values(terms("AFTER")).execute();
    await db
      .insertInto("terms_of_use")
      .values({ ...terms("NO_HOLDS"), is_requestable: 0 })
      .execute();
    const rows = await db.selectFrom("terms_of_use").select(["code", "is_requestable"]).orderBy("code").execute();
    expect(rows).toEqual([
      { code: "AFTER", is_requestable: 1 },
      { code: "BEFORE", is_requestable: 1 },
      { code: "NO_HOLDS", is_requestable: 0 },
    ]);
    expect(await db.selectFrom("bibs").select(["title", "full_text_url"]).execute()).toEqual([
      { title: "Old record", full_text_url: null },
    ]);
  });
});

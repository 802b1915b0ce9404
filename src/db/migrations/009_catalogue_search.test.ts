import { describe, expect, it } from "vitest";
import { emptyDatabase } from "../../../test/empty-database.js";
import { parseSearchQuery } from "../../catalogue/search-query.js";
import { searchBibs } from "../../catalogue/search-repository.js";
import type { OpenedDb } from "../database.js";
import * as m001 from "./001_initial.js";
import * as m005 from "./005_outbox_indexes.js";
import * as m009 from "./009_catalogue_search.js";

/*
 * Migration 009 on a database that already holds records: they must be searchable after it,
 * whether or not another migration added bibs.subjects first. Each case gets its own empty
 * database (a SQLite file, or a scratch PostgreSQL database), since the shared test database is
 * already at the latest version.
 */

async function withRecordsBefore009(opened: OpenedDb, addSubjects: boolean) {
  const { db, dialect } = opened;
  await m001.up(db, dialect);
  await m005.up(db, dialect);
  if (addSubjects) await db.schema.alterTable("bibs").addColumn("subjects", "text").execute();
  const at = "2026-03-02T09:00:00.000Z";
  const inst = await db
    .insertInto("institutions")
    .values({ code: "OLD", name: "Old", time_zone: "UTC", default_language: "en", created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  const bib = await db
    .insertInto("bibs")
    .values({
      institution_id: inst.id,
      title: "Les expériences oubliées",
      author: null,
      publisher: null,
      publication_date: null,
      publication_year: null,
      edition: null,
      isbn: "9780306406157",
      issn: null,
      language: null,
      material_type: "BOOK",
      extent: null,
      page_count: null,
      identifiers: JSON.stringify({ oclc: "555" }),
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await m009.up(db, dialect);
  const found = async (q: string) =>
    (await searchBibs(db, inst.id, { query: parseSearchQuery(q), after: null, limit: 10 })).map((r) => r.id);
  return { db, bibId: bib.id, found };
}

describe("migration 009 (catalogue search)", () => {
  it("indexes the records already there and adds bibs.subjects", async () => {
    const { db, bibId, found } = await withRecordsBefore009(await emptyDatabase(), false);
    expect(await found("experiences")).toEqual([bibId]);
    expect(await found("id:555")).toEqual([bibId]);
    expect(await found("isbn:0306406152")).toEqual([bibId]);
    await db.updateTable("bibs").set({ subjects: "Oubli -- Histoire" }).where("id", "=", bibId).execute();
    expect(await found("subject:oubli")).toEqual([bibId]);
  });

  it("keeps a subjects column that an earlier migration added", async () => {
    const { db, bibId, found } = await withRecordsBefore009(await emptyDatabase(), true);
    await db.updateTable("bibs").set({ subjects: "Mémoire" }).where("id", "=", bibId).execute();
    expect(await found("subject:memoire")).toEqual([bibId]);
  });
});

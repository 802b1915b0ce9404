import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/*
 * Catalogue search at a million records (issue 14): the library and material type filters move
 * inside the full-text index, so that a filtered search reads only the records that pass them,
 * and the search reads a bounded set of candidates (src/catalogue/search-repository.ts).
 *
 * A record's facets are its material type and the libraries holding it, as index words that no
 * typed word can be: "mtjournal", "lb12" on SQLite (in a column that keyword searches leave
 * out), "mt:JOURNAL", "lb:12" in a text array on PostgreSQL. Both also have one for each library
 * with the material type ("lb12mtjournal", "lb:12/mt:JOURNAL"): both indexes read most of the
 * list of each word of an AND up to its last match, so both filters at once read one short list
 * instead of two long ones (10 ms less for a library and a material type at a million). Holdings change a record's
 * libraries, so holdings re-index their record.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") await postgres(db);
  else await sqlite(db);
}

/** The FTS5 facets text of the bib whose id is `id` (an SQL expression). */
const sqliteFacets = (id: string) =>
  `'mt' || replace(lower(b.material_type), '_', '') ||
    coalesce((select ' ' || group_concat('lb' || l.library_id || ' lb' || l.library_id || 'mt' ||
        replace(lower(b.material_type), '_', ''), ' ')
      from (select distinct library_id from holdings where bib_id = ${id}) l), '')`;

/** Every indexed column of the bibs matching `where` (b is the bib); migration 033 makes it a view. */
export const sqliteRows = (where: string) =>
  sql.raw(`select b.id, b.title, b.author, b.subjects, b.publisher,
      concat_ws(' ', b.isbn, b.issn,
        (select group_concat(value, ' ') from json_tree(b.identifiers) where atom is not null)),
      ${sqliteFacets("b.id")}
    from bibs b where ${where}`);

const COLUMNS = sql.raw("rowid, title, author, subjects, publisher, identifiers, facets");

async function sqlite(db: Kysely<any>): Promise<void> {
  for (const t of ["bibs_search_insert", "bibs_search_delete", "bibs_search_update"]) {
    await sql`drop trigger ${sql.raw(t)}`.execute(db);
  }
  await sql`drop table bibs_search`.execute(db);
  // Contentless with deletes (SQLite 3.43): a row is removed by its id alone, so a re-index
  // never has to repeat the old text exactly as migration 009's external-content table did.
  await sql`create virtual table bibs_search using fts5(
    title, author, subjects, publisher, identifiers, facets,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
  )`.execute(db);
  await sql`insert into bibs_search (${COLUMNS}) ${sqliteRows("1")}`.execute(db);
  const reindex = (id: string) =>
    sql.raw(`delete from bibs_search where rowid = ${id};
      insert into bibs_search (rowid, title, author, subjects, publisher, identifiers, facets)
        ${sqliteRows(`b.id = ${id}`).compile(db).sql};`);
  await sql`create trigger bibs_search_insert after insert on bibs begin ${reindex("new.id")} end`.execute(db);
  await sql`create trigger bibs_search_delete after delete on bibs begin
    delete from bibs_search where rowid = old.id;
  end`.execute(db);
  await sql`create trigger bibs_search_update
    after update of title, author, subjects, publisher, isbn, issn, identifiers, material_type on bibs
    begin ${reindex("new.id")} end`.execute(db);
  await sql`create trigger holdings_search_insert after insert on holdings begin ${reindex("new.bib_id")} end`.execute(
    db,
  );
  await sql`create trigger holdings_search_delete after delete on holdings begin ${reindex("old.bib_id")} end`.execute(
    db,
  );
  await sql`create trigger holdings_search_update after update of bib_id, library_id on holdings begin
    ${reindex("old.bib_id")} ${reindex("new.bib_id")}
  end`.execute(db);
}

async function postgres(db: Kysely<any>): Promise<void> {
  await sql`alter table bibs_search add column facets text[] not null default '{}'`.execute(db);
  await sql`create function recto_search_facets(bib bigint) returns text[] language sql stable as $$
    select array['mt:' || b.material_type] || coalesce((select array_agg(f)
      from (select distinct library_id from holdings h where h.bib_id = b.id) l,
        unnest(array['lb:' || l.library_id, 'lb:' || l.library_id || '/mt:' || b.material_type]) f), '{}')
    from bibs b where b.id = bib
  $$`.execute(db);
  // One index answers a keyword search and its filters together: GIN intersects the word's
  // postings with the facets' inside the index scan. (Dropped first: the update rewrites every row.)
  await sql`drop index bibs_search_document_ix`.execute(db);
  await sql`update bibs_search set facets = recto_search_facets(bib_id)`.execute(db);
  await sql`create index bibs_search_document_facets_ix on bibs_search using gin (document, facets)`.execute(db);
  // Migration 009's function, now writing the facets too, and run when the material type changes.
  await sql`create or replace function bibs_search_sync() returns trigger language plpgsql as $$
    declare
      ids text := concat_ws(' ', new.isbn, new.issn,
        (select string_agg(v #>> '{}', ' ')
           from jsonb_path_query(new.identifiers::jsonb, 'strict $.** ? (@.type() == "string" || @.type() == "number")') v));
      t tsvector := recto_search_vector(new.title);
      a tsvector := recto_search_vector(new.author);
      s tsvector := recto_search_vector(new.subjects);
      i tsvector := recto_search_vector(ids);
      f text[] := recto_search_facets(new.id);
    begin
      insert into bibs_search (bib_id, institution_id, document, title_v, author_v, subject_v, identifier_v, facets)
      values (new.id, new.institution_id,
        setweight(t, 'A') || setweight(a, 'B') || setweight(s, 'B') ||
          setweight(recto_search_vector(new.publisher), 'D') || setweight(i, 'D'),
        t, a, s, i, f)
      on conflict (bib_id) do update set
        institution_id = excluded.institution_id, document = excluded.document, title_v = excluded.title_v,
        author_v = excluded.author_v, subject_v = excluded.subject_v, identifier_v = excluded.identifier_v,
        facets = excluded.facets;
      return null;
    end
  $$`.execute(db);
  await sql`drop trigger bibs_search_sync on bibs`.execute(db);
  await sql`create trigger bibs_search_sync
    after insert or update of title, author, subjects, publisher, isbn, issn, identifiers, material_type on bibs
    for each row execute function bibs_search_sync()`.execute(db);
  await sql`create function holdings_search_facets() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        -- a holding deleted with its bib: the bib, and so its facets, are already gone
        update bibs_search set facets = coalesce(recto_search_facets(old.bib_id), facets) where bib_id = old.bib_id;
      end if;
      if tg_op <> 'DELETE' then
        update bibs_search set facets = recto_search_facets(new.bib_id) where bib_id = new.bib_id;
      end if;
      return null;
    end
  $$`.execute(db);
  await sql`create trigger holdings_search_facets after insert or delete or update of bib_id, library_id on holdings
    for each row execute function holdings_search_facets()`.execute(db);
}

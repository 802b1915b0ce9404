import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/*
 * Catalogue search (issue 5). Both dialects index the same five fields, kept in step with
 * `bibs` by triggers, so that every writer (the API, the MARC importer, the demo seed) is
 * indexed without having to remember it:
 *   title, author, subjects, publisher, and "identifiers": ISBN, ISSN and every value of the
 *   identifiers JSON (OCLC number, LCCN, 035 system numbers, whatever the importer adds).
 * Words are case-folded and lose their diacritics ("expériences" is found by "experiences");
 * nothing is stemmed, so the two dialects find the same records.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // The MARC importer (migration 008) may already have added bibs.subjects; either order works.
  const bibs = (await db.introspection.getTables()).find((t) => t.name === "bibs");
  if (!bibs?.columns.some((c) => c.name === "subjects")) {
    await db.schema.alterTable("bibs").addColumn("subjects", "text").execute();
  }
  // isbn: and issn: searches compare the stored canonical form
  await db.schema.createIndex("bibs_isbn_ix").on("bibs").columns(["institution_id", "isbn"]).execute();
  await db.schema.createIndex("bibs_issn_ix").on("bibs").columns(["institution_id", "issn"]).execute();
  if (dialect === "postgres") await postgres(db);
  else await sqlite(db);
}

async function sqlite(db: Kysely<any>): Promise<void> {
  // External content: the index holds no copy of the text. Marks (M*) are word characters so
  // that Devanagari vowel signs stay inside their word; remove_diacritics then drops the
  // combining accents of Latin, Cyrillic and Greek letters.
  await sql`create virtual table bibs_search using fts5(
    title, author, subjects, publisher, identifiers,
    content = 'bibs', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
  )`.execute(db);
  // What the identifiers column holds for a row. The content table's own identifiers column is
  // JSON, so an FTS 'rebuild' would index its keys: re-index with the statement below instead.
  const values = (row: "new" | "old") =>
    sql.raw(`${row}.title, ${row}.author, ${row}.subjects, ${row}.publisher,
      concat_ws(' ', ${row}.isbn, ${row}.issn,
        (select group_concat(value, ' ') from json_tree(${row}.identifiers) where atom is not null))`);
  await sql`insert into bibs_search (rowid, title, author, subjects, publisher, identifiers)
    select id, ${sql.raw("title, author, subjects, publisher,")}
      concat_ws(' ', isbn, issn, (select group_concat(value, ' ') from json_tree(bibs.identifiers) where atom is not null))
    from bibs`.execute(db);
  await sql`create trigger bibs_search_insert after insert on bibs begin
    insert into bibs_search (rowid, title, author, subjects, publisher, identifiers) values (new.id, ${values("new")});
  end`.execute(db);
  await sql`create trigger bibs_search_delete after delete on bibs begin
    insert into bibs_search (bibs_search, rowid, title, author, subjects, publisher, identifiers)
      values ('delete', old.id, ${values("old")});
  end`.execute(db);
  await sql`create trigger bibs_search_update
    after update of title, author, subjects, publisher, isbn, issn, identifiers on bibs begin
    insert into bibs_search (bibs_search, rowid, title, author, subjects, publisher, identifiers)
      values ('delete', old.id, ${values("old")});
    insert into bibs_search (rowid, title, author, subjects, publisher, identifiers) values (new.id, ${values("new")});
  end`.execute(db);
}

async function postgres(db: Kysely<any>): Promise<void> {
  // unaccent ships with PostgreSQL (contrib) and is a trusted extension: a database owner may
  // create it without superuser rights.
  await sql`create extension if not exists unaccent`.execute(db);
  // Punctuation becomes a space before parsing so that "x-ray", "978-0-306" or "foo@bar.com"
  // become plain words as they do in SQLite's tokenizer, instead of the parser's compound tokens.
  await sql`create function recto_search_text(t text) returns text language sql stable as $$
    select regexp_replace(lower(unaccent(coalesce(t, ''))), '[[:punct:][:space:]]+', ' ', 'g')
  $$`.execute(db);
  await sql`create function recto_search_vector(t text) returns tsvector language sql stable as $$
    select to_tsvector('simple', recto_search_text(t))
  $$`.execute(db);
  // One vector per searchable field for field searches, and a weighted whole for keyword
  // searches and ranking. Concatenating vectors shifts positions, so a phrase never spans fields.
  await sql`create table bibs_search (
    bib_id bigint primary key references bibs (id) on delete cascade,
    institution_id bigint not null,
    document tsvector not null,
    title_v tsvector not null,
    author_v tsvector not null,
    subject_v tsvector not null,
    identifier_v tsvector not null
  )`.execute(db);
  for (const column of ["document", "title_v", "author_v", "subject_v", "identifier_v"]) {
    await sql`create index ${sql.raw(`bibs_search_${column}_ix`)} on bibs_search using gin (${sql.ref(column)})`.execute(
      db,
    );
  }
  await sql`create function bibs_search_sync() returns trigger language plpgsql as $$
    declare
      ids text := concat_ws(' ', new.isbn, new.issn,
        (select string_agg(v #>> '{}', ' ')
           from jsonb_path_query(new.identifiers::jsonb, 'strict $.** ? (@.type() == "string" || @.type() == "number")') v));
      t tsvector := recto_search_vector(new.title);
      a tsvector := recto_search_vector(new.author);
      s tsvector := recto_search_vector(new.subjects);
      i tsvector := recto_search_vector(ids);
    begin
      insert into bibs_search (bib_id, institution_id, document, title_v, author_v, subject_v, identifier_v)
      values (new.id, new.institution_id,
        setweight(t, 'A') || setweight(a, 'B') || setweight(s, 'B') ||
          setweight(recto_search_vector(new.publisher), 'D') || setweight(i, 'D'),
        t, a, s, i)
      on conflict (bib_id) do update set
        institution_id = excluded.institution_id, document = excluded.document, title_v = excluded.title_v,
        author_v = excluded.author_v, subject_v = excluded.subject_v, identifier_v = excluded.identifier_v;
      return null;
    end
  $$`.execute(db);
  await sql`create trigger bibs_search_sync
    after insert or update of title, author, subjects, publisher, isbn, issn, identifiers on bibs
    for each row execute function bibs_search_sync()`.execute(db);
  // Rows written before this migration: touching a column fires the trigger.
  await sql`update bibs set title = title`.execute(db);
}

import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";
import { sqliteRows } from "./029_search_facets.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/*
 * A large MARC load indexes each group of new records once, in one statement, instead of by
 * trigger row by row (issue 14): the bib's own trigger indexed it, then each of its holdings
 * indexed it again for its facets. The triggers stay for every other writer; a transaction may
 * hold them back until it indexes what it wrote itself (catalogue/search-repository.ts,
 * deferSearchIndex and indexNewBibs).
 *
 * Held back how: on SQLite, while `search_index_deferred` has a row. Only the import's own
 * transaction ever writes one and deletes it before it ends; SQLite has one writer at a time
 * and readers see only what is committed, so no other connection sees it. On PostgreSQL, while
 * the transaction-local setting `recto.search_deferred` is 'on', which no other session sees and
 * which a rolled-back savepoint undoes.
 *
 * What a record's index row is, is now said once per database, for the triggers and the
 * statement alike: the view `bibs_search_source` on SQLite (migration 029's rows, unchanged),
 * the function `recto_search_index` on PostgreSQL (migration 029's trigger body, set-based).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") await postgres(db);
  else await sqlite(db);
}

const FIELDS = "title, author, subjects, publisher, identifiers, facets";
const COLUMNS = `rowid, ${FIELDS}`;
const HELD_BACK = "not exists (select 1 from search_index_deferred)";

async function sqlite(db: Kysely<any>): Promise<void> {
  await sql`create table search_index_deferred (deferred integer primary key)`.execute(db);
  const rows = sqliteRows("1").compile(db).sql;
  await sql`create view bibs_search_source (bib_id, ${sql.raw(FIELDS)}) as ${sql.raw(rows)}`.execute(db);
  const reindex = (id: string) =>
    sql.raw(`delete from bibs_search where rowid = ${id};
      insert into bibs_search (${COLUMNS}) select bib_id, ${FIELDS} from bibs_search_source where bib_id = ${id};`);
  const triggers: [name: string, event: string, body: ReturnType<typeof sql.raw>[]][] = [
    ["bibs_search_insert", "after insert on bibs", [reindex("new.id")]],
    [
      "bibs_search_update",
      "after update of title, author, subjects, publisher, isbn, issn, identifiers, material_type on bibs",
      [reindex("new.id")],
    ],
    ["holdings_search_insert", "after insert on holdings", [reindex("new.bib_id")]],
    ["holdings_search_delete", "after delete on holdings", [reindex("old.bib_id")]],
    [
      "holdings_search_update",
      "after update of bib_id, library_id on holdings",
      [reindex("old.bib_id"), reindex("new.bib_id")],
    ],
  ];
  for (const [name, event, body] of triggers) {
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
    await sql`create trigger ${sql.raw(name)} ${sql.raw(event)} when ${sql.raw(HELD_BACK)} begin
      ${sql.join(body, sql.raw(" "))}
    end`.execute(db);
  }
}

async function postgres(db: Kysely<any>): Promise<void> {
  await sql`create function recto_search_index(ids bigint[]) returns void language sql as $$
    insert into bibs_search (bib_id, institution_id, document, title_v, author_v, subject_v, identifier_v, facets)
    select b.id, b.institution_id,
      setweight(v.t, 'A') || setweight(v.a, 'B') || setweight(v.s, 'B') ||
        setweight(recto_search_vector(b.publisher), 'D') || setweight(v.i, 'D'),
      v.t, v.a, v.s, v.i, recto_search_facets(b.id)
    from bibs b cross join lateral (select
      recto_search_vector(b.title) t, recto_search_vector(b.author) a, recto_search_vector(b.subjects) s,
      recto_search_vector(concat_ws(' ', b.isbn, b.issn,
        (select string_agg(j #>> '{}', ' ')
           from jsonb_path_query(b.identifiers::jsonb, 'strict $.** ? (@.type() == "string" || @.type() == "number")') j))) i
    ) v
    where b.id = any(ids)
    on conflict (bib_id) do update set
      institution_id = excluded.institution_id, document = excluded.document, title_v = excluded.title_v,
      author_v = excluded.author_v, subject_v = excluded.subject_v, identifier_v = excluded.identifier_v,
      facets = excluded.facets
  $$`.execute(db);
  await sql`create or replace function bibs_search_sync() returns trigger language plpgsql as $$
    begin
      perform recto_search_index(array[new.id]);
      return null;
    end
  $$`.execute(db);
  const when = sql.raw(`when (current_setting('recto.search_deferred', true) is distinct from 'on')`);
  await sql`drop trigger bibs_search_sync on bibs`.execute(db);
  await sql`create trigger bibs_search_sync
    after insert or update of title, author, subjects, publisher, isbn, issn, identifiers, material_type on bibs
    for each row ${when} execute function bibs_search_sync()`.execute(db);
  await sql`drop trigger holdings_search_facets on holdings`.execute(db);
  await sql`create trigger holdings_search_facets after insert or delete or update of bib_id, library_id on holdings
    for each row ${when} execute function holdings_search_facets()`.execute(db);
}

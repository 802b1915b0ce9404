import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/*
 * A MARC import indexes each group of new records in one statement (migration 033), but that
 * statement still asked `recto_search_facets` for each bib: a query of its own per record, which
 * read the bib again and its holdings. Issue 14: about 5 ms of the statement's 45 for 500 bibs.
 * The group's libraries are now read in one pass over its holdings, and the facet words made from
 * a material type and a list of libraries by one function, which both the per-bib facets
 * (the holdings trigger) and the group's index use, so that what the facets are is said once.
 *
 * The words and their order are those of migration 029: the material type, then for each
 * library, in ascending id, its own word and its word with the material type.
 *
 * PostgreSQL only: SQLite's index view (migration 033) reads a bib's holdings through their
 * index within the same row and has no per-record query to save.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`create function recto_search_facet_words(material_type text, libraries bigint[])
    returns text[] language sql immutable as $$
      select array['mt:' || material_type] || coalesce((select array_agg(w.word order by l.n, w.n)
        from unnest(libraries) with ordinality l(id, n),
          unnest(array['lb:' || l.id, 'lb:' || l.id || '/mt:' || material_type]) with ordinality w(word, n)), '{}')
    $$`.execute(db);
  await sql`create or replace function recto_search_facets(bib bigint) returns text[] language sql stable as $$
    select recto_search_facet_words(b.material_type,
      array(select distinct h.library_id from holdings h where h.bib_id = b.id order by h.library_id))
    from bibs b where b.id = bib
  $$`.execute(db);
  // plpgsql keeps the statement's plan for the session: the triggers call this once per row
  await sql`create or replace function recto_search_index(ids bigint[]) returns void language plpgsql as $$
    begin
      insert into bibs_search (bib_id, institution_id, document, title_v, author_v, subject_v, identifier_v, facets)
      select b.id, b.institution_id,
        setweight(v.t, 'A') || setweight(v.a, 'B') || setweight(v.s, 'B') ||
          setweight(recto_search_vector(b.publisher), 'D') || setweight(v.i, 'D'),
        v.t, v.a, v.s, v.i, recto_search_facet_words(b.material_type, coalesce(l.libraries, '{}'))
      from bibs b cross join lateral (select
        recto_search_vector(b.title) t, recto_search_vector(b.author) a, recto_search_vector(b.subjects) s,
        recto_search_vector(concat_ws(' ', b.isbn, b.issn,
          (select string_agg(j #>> '{}', ' ')
             from jsonb_path_query(b.identifiers::jsonb, 'strict $.** ? (@.type() == "string" || @.type() == "number")') j))) i
      ) v
      left join (select h.bib_id, array_agg(distinct h.library_id order by h.library_id) libraries
        from holdings h where h.bib_id = any(ids) group by h.bib_id) l on l.bib_id = b.id
      where b.id = any(ids)
      on conflict (bib_id) do update set
        institution_id = excluded.institution_id, document = excluded.document, title_v = excluded.title_v,
        author_v = excluded.author_v, subject_v = excluded.subject_v, identifier_v = excluded.identifier_v,
        facets = excluded.facets;
    end
  $$`.execute(db);
}

import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import { dialectOf } from "../db/dialect.js";
import type { MaterialType } from "./bib-fields.js";
import { titleStartsWith } from "./bibs-repository.js";
import { hasHoldingInLibrary } from "./holdings-repository.js";
import type { SearchQuery, TextField, TextTerm } from "./search-query.js";
import { CANDIDATES, identifierText, rankCandidates, type RankedText } from "./search-rank.js";

/*
 * Catalogue search SQL. The indexes are built by migrations 009, 029 and 033: an FTS5 table on
 * SQLite, and tsvector columns with a facets array on PostgreSQL, both fed by triggers on bibs
 * and holdings (or, for a large load, by indexNewBibs below). The index finds a bounded set of candidates, search-rank.ts orders them; `rank`
 * is "lower is better", a double so that a keyset cursor compares exactly what it was given.
 */

interface BibSearchFilter {
  query: SearchQuery;
  libraryId?: number | undefined;
  materialType?: MaterialType | undefined;
  titlePrefix?: string | undefined;
  /** keyset: the (rank, id) of the last row of the previous page */
  after: { rank: number; id: number } | null;
  limit: number;
}

// What a keyword search reads: every column but the facets.
const TEXT_COLUMNS = "title author subjects publisher identifiers";

const FTS_COLUMN: Record<TextField, string | null> = {
  keyword: null,
  title: "title",
  author: "author",
  subject: "subjects",
};

const PG_VECTOR: Record<TextField, string> = {
  keyword: "document",
  title: "title_v",
  author: "author_v",
  subject: "subject_v",
};

/** An FTS5 string is tokenised by the table's own tokenizer, so it folds exactly as the index did. */
const ftsPhrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** The FTS5 MATCH text for the terms: every word or phrase is a quoted string, never query syntax. */
export function ftsExpression(terms: TextTerm[]): string {
  return terms
    .map((t) => {
      const any = `(${t.alternatives.map(ftsPhrase).join(" OR ")})`;
      const column = FTS_COLUMN[t.field];
      return column ? `${column} : ${any}` : any;
    })
    .join(" AND ");
}

/** The PostgreSQL side folds the query text with the same function the trigger used on the record. */
const pgPhrase = (text: string): RawBuilder<unknown> => sql`phraseto_tsquery('simple', recto_search_text(${text}))`;

const pgTermQuery = (t: TextTerm): RawBuilder<unknown> => sql`(${sql.join(t.alternatives.map(pgPhrase), sql` || `)})`;

/** The conditions that do not rank: standard numbers, identifiers, library and material type. */
function filters(db: Executor, f: BibSearchFilter, pgIdMatches: number[][] | null): Expression<SqlBool>[] {
  const pg = dialectOf(db) === "postgres";
  const out: Expression<SqlBool>[] = [];
  for (const forms of f.query.isbns) out.push(sql<SqlBool>`b.isbn in (${sql.join(forms)})`);
  for (const issn of f.query.issns) out.push(sql<SqlBool>`b.issn = ${issn}`);
  if (pgIdMatches) {
    for (const ids of pgIdMatches)
      out.push(ids.length ? sql<SqlBool>`b.id in (${sql.join(ids)})` : sql<SqlBool>`1 = 0`);
  }
  for (const id of pgIdMatches ? [] : f.query.ids) {
    const inIdentifiers = pg
      ? sql`b.id in (select bib_id from bibs_search where identifier_v @@ ${pgPhrase(id.text)})`
      : sql`b.id in (select rowid from bibs_search where bibs_search match ${`identifiers : ${ftsPhrase(id.text)}`})`;
    out.push(
      id.bibId === null ? sql<SqlBool>`${inIdentifiers}` : sql<SqlBool>`(b.id = ${id.bibId} or ${inIdentifiers})`,
    );
  }
  if (f.materialType) out.push(sql<SqlBool>`b.material_type = ${f.materialType}`);
  if (f.titlePrefix) out.push(titleStartsWith("b.title", f.titlePrefix));
  if (f.libraryId !== undefined) out.push(hasHoldingInLibrary("b.id", f.libraryId));
  return out;
}

/**
 * On PostgreSQL an `id:` search reads its few matching records first. Inside the page query,
 * the planner guesses thousands of matches for an identifier and walks every record in id order
 * instead (about 300 ms at a million, bench/catalogue-search-pg.ts); a list of ids it cannot
 * misjudge. Null (use the subquery) when an identifier matches too many records for a list.
 */
async function pgIdentifierMatches(db: Executor, f: BibSearchFilter): Promise<number[][] | null> {
  const LIST_MAX = 1000;
  const sets: number[][] = [];
  for (const id of f.query.ids) {
    const { rows } = await sql<{ bib_id: number | string }>`select bib_id from bibs_search
      where identifier_v @@ ${pgPhrase(id.text)} limit ${LIST_MAX + 1}`.execute(db);
    if (rows.length > LIST_MAX) return null;
    const ids = new Set(rows.map((r) => Number(r.bib_id)));
    if (id.bibId !== null) ids.add(id.bibId);
    sets.push([...ids]);
  }
  return sets;
}

/** The FTS5 words of the facets column (migration 029) that a record must hold. */
function ftsFacets(f: BibSearchFilter): string[] {
  const type = f.materialType ? `mt${f.materialType.toLowerCase().replace(/_/g, "")}` : "";
  if (f.libraryId !== undefined) return [`lb${f.libraryId}${type}`];
  return type ? [type] : [];
}

/** The same on PostgreSQL's facets array. */
function pgFacets(f: BibSearchFilter): string[] {
  const type = f.materialType ? `mt:${f.materialType}` : "";
  if (f.libraryId !== undefined) return [type ? `lb:${f.libraryId}/${type}` : `lb:${f.libraryId}`];
  return type ? [type] : [];
}

/**
 * The text of at most CANDIDATES matching records, in the order the index yields them (on both
 * databases, about the order records were added). The library and material type are words of
 * the index, so a filtered search reads no record that fails them; the other filters are
 * checked on each candidate before the limit, so they never empty a page of candidates.
 */
async function candidates(db: Executor, institutionId: number, f: BibSearchFilter): Promise<RankedText[]> {
  const pg = dialectOf(db) === "postgres";
  const { terms } = f.query;
  const others = filters(
    db,
    { ...f, libraryId: undefined, materialType: undefined },
    pg ? await pgIdentifierMatches(db, f) : null,
  );
  const where = others.length ? sql`and ${sql.join(others, sql` and `)}` : sql``;
  const text = sql`b.id, b.title, b.author, b.subjects, b.publisher, b.isbn, b.issn, b.identifiers`;
  let rows: {
    id: number | string;
    title: string;
    author: string | null;
    subjects: string | null;
    publisher: string | null;
    isbn: string | null;
    issn: string | null;
    identifiers: unknown;
  }[];
  if (pg) {
    // Each term's tsquery is folded once, here, and given to the search as a constant: written
    // into it, the folding ran again for every row a common word's scan tested (8 µs a row), and
    // the planner could not see the words to estimate how many records hold them.
    const { rows: folded } = await sql<{ q: string[] }>`select array[${sql.join(
      terms.map((t) => sql`${pgTermQuery(t)}::text`),
    )}] as q`.execute(db);
    const matches = terms.map((t, k) => sql`${sql.ref(`s.${PG_VECTOR[t.field]}`)} @@ ${folded[0]!.q[k]!}::tsquery`);
    const facets = pgFacets(f);
    if (facets.length) matches.push(sql`s.facets @> ${facets}::text[]`);
    // 500 rows are read sooner by one process than by gathering workers, which the planner
    // would start for a word in one record of 200 (127 ms against 12 on the bench machine):
    // recto_search_text is not parallel safe, so calling it once (a one-time filter) keeps the
    // query in one process.
    ({ rows } = await sql<(typeof rows)[number]>`select ${text} from bibs_search s join bibs b on b.id = s.bib_id
      where ${sql.join(matches, sql` and `)} and b.institution_id = ${institutionId} ${where}
        and recto_search_text('') = ''
      limit ${CANDIDATES}`.execute(db));
  } else {
    const facets = ftsFacets(f).map((w) => `facets : ${ftsPhrase(w)}`);
    const expression = [`{${TEXT_COLUMNS}} : (${ftsExpression(terms)})`, ...facets].join(" AND ");
    // cross join: the index leads, so the limit stops reading it
    ({ rows } = await sql<(typeof rows)[number]>`select ${text} from bibs_search s cross join bibs b on b.id = s.rowid
      where s.bibs_search match ${expression} and b.institution_id = ${institutionId} ${where}
      limit ${CANDIDATES}`.execute(db));
  }
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    author: r.author,
    subjects: r.subjects,
    publisher: r.publisher,
    identifiers: identifierText(r.isbn, r.issn, r.identifiers),
  }));
}

/**
 * One page of matching records, best first, with each row's rank for the next cursor. A
 * search with words ranks at most CANDIDATES records (search-rank.ts): when more match, the
 * pages end there, and a narrower search (more words, a field, a filter) reaches the others.
 */
export async function searchBibs(db: Executor, institutionId: number, f: BibSearchFilter) {
  if (f.query.terms.length === 0) return numberSearch(db, institutionId, f);
  const ranked = rankCandidates(await candidates(db, institutionId, f), f.query.terms);
  const after = f.after;
  const page = (
    after ? ranked.filter((r) => r.rank > after.rank || (r.rank === after.rank && r.id > after.id)) : ranked
  ).slice(0, f.limit);
  if (page.length === 0) return [];
  const rows = await db
    .selectFrom("bibs")
    .selectAll()
    .where(
      "id",
      "in",
      page.map((r) => r.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return page.flatMap((r) => {
    const row = byId.get(r.id);
    return row ? [{ ...row, rank: r.rank }] : [];
  });
}

/** Records found by number alone (isbn:, issn:, id:): every match is as good as another, so id order decides. */
async function numberSearch(db: Executor, institutionId: number, f: BibSearchFilter) {
  const pg = dialectOf(db) === "postgres";
  let q = db.selectFrom("bibs as b").selectAll("b").where("b.institution_id", "=", institutionId);
  for (const cond of filters(db, f, pg ? await pgIdentifierMatches(db, f) : null)) q = q.where(cond);
  if (f.after) q = q.where("b.id", ">", f.after.id);
  return q
    .select(sql<number>`0.0`.as("rank"))
    .orderBy("b.id")
    .limit(f.limit)
    .execute();
}

/*
 * A large load's own indexing (migration 033): the triggers hold back while the load writes new
 * bibs and their holdings, and the load indexes what it wrote in one statement, before anything
 * else writes those bibs and before the transaction ends (the MARC import: once per batch).
 */

/** Holds the search index triggers back in this transaction (the caller's transaction only). */
export async function deferSearchIndex(db: Executor): Promise<void> {
  if (dialectOf(db) === "postgres") await sql`select set_config('recto.search_deferred', 'on', true)`.execute(db);
  else await sql`insert into search_index_deferred (deferred) values (1)`.execute(db);
}

/**
 * Indexes bibs written while the triggers were held back, with their holdings, in one
 * statement, and lets the triggers work again. `ids` are bibs the index has never seen; with
 * none, the triggers work again and the bibs written are left for a later call to index.
 */
export async function indexNewBibs(db: Executor, ids: number[]): Promise<void> {
  if (dialectOf(db) === "postgres") {
    if (ids.length === 0) {
      await sql`select set_config('recto.search_deferred', 'off', true)`.execute(db);
      return;
    }
    // one round trip: the setting only steers the triggers, which this statement does not fire
    await sql`select set_config('recto.search_deferred', 'off', true), recto_search_index(${ids}::bigint[])`.execute(
      db,
    );
    return;
  }
  await sql`delete from search_index_deferred`.execute(db);
  if (ids.length === 0) return;
  await sql`insert into bibs_search (rowid, title, author, subjects, publisher, identifiers, facets)
    select bib_id, title, author, subjects, publisher, identifiers, facets from bibs_search_source
    where bib_id in (select value from json_each(${JSON.stringify(ids)}))`.execute(db);
}

import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import { dialectOf } from "../db/dialect.js";
import type { MaterialType } from "./bib-fields.js";
import { titleStartsWith } from "./bibs-repository.js";
import { hasHoldingInLibrary } from "./holdings-repository.js";
import type { SearchQuery, TextField, TextTerm } from "./search-query.js";

/*
 * Catalogue search SQL. The indexes are built by migration 009: an FTS5 table on SQLite, and
 * tsvector columns on PostgreSQL, both fed by triggers on bibs. `rank` is "lower is better" on
 * both (FTS5's bm25 is negative; PostgreSQL's ts_rank is negated), as a double so that a
 * keyset cursor compares exactly what it was given.
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

// bm25 weights, in the FTS5 column order: title, author, subjects, publisher, identifiers.
const BM25 = sql.raw("bm25(bibs_search, 10.0, 4.0, 4.0, 1.0, 1.0)");

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

/** One page of matching records, best first, with each row's rank for the next cursor. */
export async function searchBibs(db: Executor, institutionId: number, f: BibSearchFilter) {
  const pg = dialectOf(db) === "postgres";
  const { terms } = f.query;
  // bibs_search differs by dialect, so it is not in the shared schema types
  const sdb = db.withTables<{ bibs_search: { bib_id: number } }>();
  // Reads bibs here, with their search index: the answer is a ranked page of search results.
  let q = sdb.selectFrom("bibs as b").selectAll("b").where("b.institution_id", "=", institutionId);
  let rank: RawBuilder<number>;
  if (terms.length === 0) {
    // only exact-number filters: every match is as good as another, so id order decides
    rank = sql<number>`0.0`;
  } else if (pg) {
    const all = sql`(${sql.join(terms.map(pgTermQuery), sql` && `)})`;
    q = q.innerJoin("bibs_search as s", "s.bib_id", "b.id");
    for (const t of terms) q = q.where(sql<SqlBool>`${sql.ref(`s.${PG_VECTOR[t.field]}`)} @@ ${pgTermQuery(t)}`);
    rank = sql<number>`(-ts_rank(s.document, ${all}))::float8`;
  } else {
    const matches = sql<{ bib_id: number; rank: number }>`(select rowid as bib_id, ${BM25} as rank
      from bibs_search where bibs_search match ${ftsExpression(terms)})`;
    q = q.innerJoin(matches.as("s"), (j) => j.onRef("s.bib_id", "=", "b.id"));
    rank = sql<number>`s.rank`;
  }
  for (const cond of filters(db, f, pg ? await pgIdentifierMatches(db, f) : null)) q = q.where(cond);
  if (f.after) {
    const { rank: r, id } = f.after;
    q = q.where(sql<SqlBool>`(${rank} > ${r} or (${rank} = ${r} and b.id > ${id}))`);
  }
  if (terms.length > 0) q = q.orderBy(rank);
  return q.select(rank.as("rank")).orderBy("b.id").limit(f.limit).execute();
}

import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { invalid, notFound } from "../errors.js";
import { changedBibFields, newBibFields, type BibFields, type BibInput, type MaterialType } from "./bib-fields.js";
import * as repo from "./bibs-repository.js";
import { findLibraryByCode } from "../organisation/libraries-repository.js";
import { decodeCursor, encodeCursor } from "../shared/id-cursor.js";
import { decodeRankCursor, encodeRankCursor } from "./rank-cursor.js";
import { parseSearchQuery } from "./search-query.js";
import { searchBibs } from "./search-repository.js";
import { listHoldingsOfBib } from "./holdings-repository.js";
import { listItemsOfBib } from "./items-repository.js";

/** Use cases for bibliographic records. Each owns its transaction. */

export async function loadBib(db: Db, actor: Actor, id: number) {
  const bib = await repo.findBib(db, actor.institutionId, id);
  if (!bib) throw notFound("bibliographic record");
  return bib;
}

/** A record with its holdings and their items, read in one transaction so the three agree. */
export async function loadBibWithInventory(db: Db, actor: Actor, id: number) {
  return db.transaction().execute(async (tx) => {
    const bib = await loadBib(tx, actor, id);
    const [holdings, items] = await Promise.all([
      listHoldingsOfBib(tx, actor.institutionId, id),
      listItemsOfBib(tx, actor.institutionId, id),
    ]);
    return { bib, holdings, items };
  });
}

export async function createBib(db: Db, actor: Actor, input: BibInput, now: Date) {
  authorize(actor, "catalogue.manage");
  const fields = newBibFields(input);
  return repo.insertBib(db, actor.institutionId, fields, now.toISOString());
}

export async function updateBib(db: Db, actor: Actor, id: number, patch: Partial<BibFields>, now: Date) {
  return db.transaction().execute(async (tx) => {
    await loadBib(tx, actor, id);
    authorize(actor, "catalogue.manage");
    return repo.updateBib(tx, id, changedBibFields(patch), now.toISOString());
  });
}

interface BibListQuery {
  limit: number;
  cursor?: string | undefined;
  material_type?: MaterialType | undefined;
  title?: string | undefined;
  /** a search (see search-query.ts); without it the records come in id order */
  q?: string | undefined;
  /** a library code: records with a holding there */
  library?: string | undefined;
}

async function libraryIdOf(db: Db, actor: Actor, code: string | undefined): Promise<number | undefined> {
  if (code === undefined) return undefined;
  const library = await findLibraryByCode(db, actor.institutionId, code);
  if (!library) throw invalid("library", `No library ${code} in this institution.`);
  return library.id;
}

/** Lists records in id order or, with a search, by relevance; both a page at a time. */
export async function listBibs(db: Db, actor: Actor, q: BibListQuery) {
  if (q.q !== undefined) return searchCatalogue(db, actor, { ...q, q: q.q });
  const afterId = decodeCursor(q.cursor);
  // one row more than asked tells whether another page exists without counting
  const rows = await repo.listBibs(db, actor.institutionId, {
    afterId,
    limit: q.limit + 1,
    materialType: q.material_type,
    titlePrefix: q.title,
    libraryId: await libraryIdOf(db, actor, q.library),
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { bibs: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
}

/** Catalogue search: keyword and field searches ranked by relevance, paged on (rank, id). */
async function searchCatalogue(db: Db, actor: Actor, q: BibListQuery & { q: string }) {
  const query = parseSearchQuery(q.q);
  const after = decodeRankCursor(q.cursor);
  const rows = await searchBibs(db, actor.institutionId, {
    query,
    after,
    limit: q.limit + 1,
    materialType: q.material_type,
    titlePrefix: q.title,
    libraryId: await libraryIdOf(db, actor, q.library),
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { bibs: page, nextCursor: rows.length > q.limit && last ? encodeRankCursor(last) : null };
}

import { sql, type SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import { identifiersJson, type BibFields, type MaterialType } from "./bib-fields.js";
import { hasHoldingInLibrary } from "./holdings-repository.js";

const toColumns = (v: Partial<BibFields>) => {
  const { identifiers, ...rest } = v;
  return identifiers === undefined ? rest : { ...rest, identifiers: identifiersJson(identifiers) };
};

export async function insertBib(db: Executor, institutionId: number, v: BibFields, at: string) {
  return db
    .insertInto("bibs")
    .values({
      institution_id: institutionId,
      ...v,
      identifiers: identifiersJson(v.identifiers),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findBib(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("bibs")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

// Joins holdings and items here: the answer is a title, the first that has a holding but no item.
/** The institution's first title with a holding and no items (the demo's title-level request). */
export async function firstTitleWithoutItems(db: Executor, institutionId: number) {
  return db
    .selectFrom("bibs as b")
    .innerJoin("holdings as h", "h.bib_id", "b.id")
    .leftJoin("items as i", "i.bib_id", "b.id")
    .select(["b.id", "b.title"])
    .where("b.institution_id", "=", institutionId)
    .where("i.id", "is", null)
    .orderBy("b.id")
    .executeTakeFirst();
}

export async function updateBib(db: Executor, id: number, v: Partial<BibFields>, at: string) {
  return db
    .updateTable("bibs")
    .set({ ...toColumns(v), updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** LIKE treats % and _ as wildcards; a title typed by a person means them literally. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** lower() on both sides, so the comparison folds case the same way on either dialect. */
export const titleStartsWith = (column: string, prefix: string) =>
  sql<SqlBool>`lower(${sql.ref(column)}) like lower(${`${escapeLike(prefix)}%`}) escape '\\'`;

interface BibListFilter {
  afterId: number | null;
  limit: number;
  materialType?: MaterialType | undefined;
  titlePrefix?: string | undefined;
  /** records with a holding in this library */
  libraryId?: number | undefined;
}

/** Keyset paging in id order, which the (institution_id, id) index serves without sorting. */
export async function listBibs(db: Executor, institutionId: number, f: BibListFilter) {
  let q = db.selectFrom("bibs").selectAll().where("institution_id", "=", institutionId);
  if (f.afterId !== null) q = q.where("id", ">", f.afterId);
  if (f.materialType) q = q.where("material_type", "=", f.materialType);
  if (f.libraryId !== undefined) q = q.where(hasHoldingInLibrary("bibs.id", f.libraryId));
  if (f.titlePrefix) q = q.where(titleStartsWith("title", f.titlePrefix));
  return q.orderBy("id").limit(f.limit).execute();
}

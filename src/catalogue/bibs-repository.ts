import { sql, type Selectable, type SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";
import { preparedBulk } from "../db/prepared-bulk.js";
import { memoRead, primeMemo } from "../db/read-memo.js";
import type { BibsTable } from "../db/schema.js";
import { identifiersJson, type BibFields, type MaterialType } from "./bib-fields.js";
import { idsInRowOrder, inSlices } from "./bulk-rows.js";
import { hasHoldingInLibrary } from "./holdings-repository.js";
import type { ExtractedBib } from "./marc/extract-fields.js";

const toColumns = <T extends Partial<BibFields>>(v: T) => {
  const { identifiers, ...rest } = v;
  return identifiers === undefined ? rest : { ...rest, identifiers: identifiersJson(identifiers) };
};

const newRow = <T extends BibFields>(institutionId: number, v: T, at: string) => ({
  institution_id: institutionId,
  ...v,
  identifiers: identifiersJson(v.identifiers),
  created_at: at,
  updated_at: at,
});

export async function insertBib(db: Executor, institutionId: number, v: BibFields, at: string) {
  return db
    .insertInto("bibs")
    .values(newRow(institutionId, v, at))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const bibRows = (db: Executor, v: { institutionId: number; id: number }) =>
  db.selectFrom("bibs").selectAll().where("institution_id", "=", v.institutionId).where("id", "=", v.id);

// Built once: every placement reads its title.
const bibQuery = prepared(bibRows);
const bibKey = (institutionId: number, id: number) => `bib:${institutionId}:${id}`;

export async function findBib(db: Executor, institutionId: number, id: number) {
  return memoRead(db, bibKey(institutionId, id), async () => (await bibQuery(db, { institutionId, id }))[0]);
}

/** findBib's answer, read together with others (read-memo.ts). */
export function primeBib(db: Executor, institutionId: number, id: number, row: Selectable<BibsTable> | undefined) {
  primeMemo(db, bibKey(institutionId, id), row);
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

/** What a MARC import writes of a bib: the fields, its MARC (as JSON) and the keys a re-import matches on. */
export interface ImportedBibValues extends ExtractedBib {
  marc: string;
  record_key: string;
  control_number: string | null;
}

export async function findBibByKey(db: Executor, institutionId: number, key: string) {
  return db
    .selectFrom("bibs")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("record_key", "=", key)
    .orderBy("id")
    .executeTakeFirst();
}

export async function findBibIdByControlNumber(db: Executor, institutionId: number, controlNumber: string) {
  const row = await db
    .selectFrom("bibs")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("control_number", "=", controlNumber)
    .orderBy("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertImportedBib(db: Executor, institutionId: number, v: ImportedBibValues, at: string) {
  const row = await db
    .insertInto("bibs")
    .values(newRow(institutionId, v, at))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateImportedBib(db: Executor, id: number, v: Partial<ImportedBibValues>, at: string) {
  await db
    .updateTable("bibs")
    .set({ ...toColumns(v), updated_at: at })
    .where("id", "=", id)
    .execute();
}

const importedBibsInsert = preparedBulk((db, rows: ReturnType<typeof newRow<ImportedBibValues>>[]) =>
  db.insertInto("bibs").values(rows).returning("id"),
);

/** Many new imported bibs in multi-row INSERTs; their ids in the order of `rows`. */
export async function insertImportedBibs(db: Executor, institutionId: number, rows: ImportedBibValues[], at: string) {
  return inSlices(rows, async (slice) =>
    idsInRowOrder(
      await importedBibsInsert(
        db,
        slice.map((v) => newRow(institutionId, v, at)),
      ),
    ),
  );
}

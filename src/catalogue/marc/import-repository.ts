import { sql } from "kysely";
import type { Executor } from "../../db/database.js";
import { identifiersJson } from "../bib-fields.js";
import type { ExtractedBib } from "./extract-fields.js";

/** SQL of the MARC import. Bibs are written with plain inserts and updates into `bibs`. */

export interface ImportedBibValues extends ExtractedBib {
  marc: string;
  record_key: string;
  control_number: string | null;
}

const columns = (v: ImportedBibValues) => ({ ...v, identifiers: identifiersJson(v.identifiers) });

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
    .values({ institution_id: institutionId, ...columns(v), created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateImportedBib(db: Executor, id: number, v: Partial<ImportedBibValues>, at: string) {
  const { identifiers, ...rest } = v;
  await db
    .updateTable("bibs")
    .set({ ...rest, ...(identifiers ? { identifiers: identifiersJson(identifiers) } : {}), updated_at: at })
    .where("id", "=", id)
    .execute();
}

/*
 * One record is written under a savepoint inside a batch transaction: a record that fails
 * midway is rolled back alone, and the batch still commits once for many records.
 */
export const savepoint = (db: Executor) => sql`savepoint marc_record`.execute(db);
export const releaseSavepoint = (db: Executor) => sql`release savepoint marc_record`.execute(db);
export const rollbackToSavepoint = (db: Executor) => sql`rollback to savepoint marc_record`.execute(db);

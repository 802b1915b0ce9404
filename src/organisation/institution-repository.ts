import type { Executor } from "../db/database.js";

export interface InstitutionChanges {
  name?: string | undefined;
  time_zone?: string | undefined;
  default_language?: string | undefined;
}

export async function findInstitutionByCode(db: Executor, code: string) {
  return db.selectFrom("institutions").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function findInstitution(db: Executor, id: number) {
  return db.selectFrom("institutions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateInstitution(db: Executor, id: number, v: InstitutionChanges, at: string) {
  return db
    .updateTable("institutions")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The first few institutions by code: enough to tell "none", "only one" and "several" apart. */
export async function firstInstitutions(db: Executor, limit: number) {
  return db.selectFrom("institutions").selectAll().orderBy("code").limit(limit).execute();
}

import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";
import { deleteAssignmentsScopedTo } from "../people/role-assignments-repository.js";
import { anyRequestNames } from "../requests/repository.js";

interface DeskValues {
  code: string;
  name: string;
  supports_digitization: boolean;
  work_time_days: number | null;
}

const toRow = (v: Partial<DeskValues>) => {
  const { supports_digitization, ...rest } = v;
  return supports_digitization === undefined ? rest : { ...rest, supports_digitization: supports_digitization ? 1 : 0 };
};

/** The desks of one library, or (no library named) of the whole institution. */
const desks = (db: Executor, institutionId: number) =>
  db.selectFrom("circulation_desks").selectAll().where("institution_id", "=", institutionId);

export const libraryDeskRows = (db: Executor, v: { institutionId: number; libraryId: number }) =>
  desks(db, v.institutionId).where("library_id", "=", v.libraryId).orderBy("code");

// Built once: every placement reads its library's desks.
const libraryDesksQuery = prepared(libraryDeskRows);

export async function listDesks(db: Executor, institutionId: number, libraryId?: number) {
  if (libraryId !== undefined) return libraryDesksQuery(db, { institutionId, libraryId });
  return desks(db, institutionId).orderBy("code").execute();
}

export async function findDesk(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("circulation_desks")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** A desk by the code staff know it by (the scan station names its place so). */
export async function findDeskByCode(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("circulation_desks")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirst();
}

/** Whether the library has a desk (a library with desks cannot be deleted). */
export async function anyDeskInLibrary(db: Executor, libraryId: number): Promise<boolean> {
  const row = await db
    .selectFrom("circulation_desks")
    .select("id")
    .where("library_id", "=", libraryId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDesk(db: Executor, institutionId: number, libraryId: number, v: DeskValues, at: string) {
  return db
    .insertInto("circulation_desks")
    .values({
      institution_id: institutionId,
      library_id: libraryId,
      code: v.code,
      name: v.name,
      supports_digitization: v.supports_digitization ? 1 : 0,
      work_time_days: v.work_time_days,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateDesk(db: Executor, id: number, v: Partial<DeskValues>, at: string) {
  return db
    .updateTable("circulation_desks")
    .set({ ...toRow(v), updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether any request was handled at the desk; such a desk keeps its history and cannot be deleted. */
export async function deskHasRequests(db: Executor, id: number): Promise<boolean> {
  return anyRequestNames(db, "desk_id", id);
}

/** Removes the desk and the role grants scoped to it, which would otherwise point at nothing. */
export async function deleteDesk(db: Executor, id: number): Promise<void> {
  await deleteAssignmentsScopedTo(db, "desk", id);
  await db.deleteFrom("circulation_desks").where("id", "=", id).execute();
}

import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";
import { deleteAssignmentsScopedTo } from "../people/role-assignments-repository.js";
import { anyRequestNames } from "../requests/repository.js";
import type { DepartmentsTable } from "../db/schema.js";

interface DepartmentValues {
  code: string;
  name: string;
  description: string | null;
  work_time_days: number;
  map_url: string | null;
  default_printer_id: number | null;
  owner_level: DepartmentsTable["owner_level"];
  owner_library_id: number | null;
  serves_all_libraries: number;
  /** JSON text */
  contact_info: string;
}

const departmentColumns = [
  "d.id",
  "d.institution_id",
  "d.code",
  "d.name",
  "d.description",
  "d.work_time_days",
  "d.map_url",
  "d.default_printer_id",
  "d.owner_level",
  "d.owner_library_id",
  "d.serves_all_libraries",
  "d.contact_info",
  "d.created_at",
  "d.updated_at",
  "p.code as default_printer",
] as const;

// Joins printers here: a department is read with its default printer's code, which the API shows.
const departments = (db: Executor, institutionId: number) =>
  db
    .selectFrom("departments as d")
    .leftJoin("printers as p", "p.id", "d.default_printer_id")
    .select(departmentColumns)
    .where("d.institution_id", "=", institutionId);

export type DepartmentRow = Awaited<ReturnType<typeof findDepartment>> & object;

export async function listDepartments(db: Executor, institutionId: number) {
  return departments(db, institutionId).orderBy("d.code").execute();
}

/** A library's department list: its own departments and the institution-level ones that serve it. */
export const departmentsServingRows = (db: Executor, v: { institutionId: number; libraryId: number }) => {
  const libraryId = v.libraryId;
  return departments(db, v.institutionId)
    .where((eb) =>
      eb.or([
        eb.and([eb("d.owner_level", "=", "library"), eb("d.owner_library_id", "=", libraryId)]),
        eb.and([
          eb("d.owner_level", "=", "institution"),
          eb.or([
            eb("d.serves_all_libraries", "=", 1),
            eb.exists(
              eb
                .selectFrom("department_served_libraries as s")
                .select("s.library_id")
                .whereRef("s.department_id", "=", "d.id")
                .where("s.library_id", "=", libraryId),
            ),
          ]),
        ]),
      ]),
    )
    .orderBy("d.code");
};

// Built once: every placement asks which departments serve its library.
const servingQuery = prepared(departmentsServingRows);

export async function listDepartmentsServing(db: Executor, institutionId: number, libraryId: number) {
  return servingQuery(db, { institutionId, libraryId });
}

export async function findDepartment(db: Executor, institutionId: number, id: number) {
  return departments(db, institutionId).where("d.id", "=", id).executeTakeFirst();
}

/** A department by the code staff know it by (the scan station names its place so). */
export async function findDepartmentByCode(db: Executor, institutionId: number, code: string) {
  return departments(db, institutionId).where("d.code", "=", code).executeTakeFirst();
}

/** Whether a library owns a department (a library with departments cannot be deleted). */
export async function anyDepartmentOwnedBy(db: Executor, libraryId: number): Promise<boolean> {
  const row = await db
    .selectFrom("departments")
    .select("id")
    .where("owner_library_id", "=", libraryId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Codes of the departments that print to this printer by default (a printer in use cannot be deleted). */
export async function departmentCodesPrintingTo(db: Executor, printerId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("departments")
    .select("code")
    .where("default_printer_id", "=", printerId)
    .orderBy("code")
    .execute();
  return rows.map((r) => r.code);
}

export async function servedLibraryRows(db: Executor, departmentIds: number[]) {
  if (departmentIds.length === 0) return [];
  return db
    .selectFrom("department_served_libraries")
    .select(["department_id", "library_id"])
    .where("department_id", "in", departmentIds)
    .execute();
}

export async function insertDepartment(db: Executor, institutionId: number, v: DepartmentValues, at: string) {
  const row = await db
    .insertInto("departments")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDepartment(db: Executor, id: number, v: Partial<DepartmentValues>, at: string) {
  await db
    .updateTable("departments")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .execute();
}

export async function replaceServedLibraries(
  db: Executor,
  institutionId: number,
  departmentId: number,
  libraryIds: number[],
): Promise<void> {
  await db.deleteFrom("department_served_libraries").where("department_id", "=", departmentId).execute();
  if (libraryIds.length === 0) return;
  await db
    .insertInto("department_served_libraries")
    .values(
      libraryIds.map((library_id) => ({ institution_id: institutionId, department_id: departmentId, library_id })),
    )
    .execute();
}

/** Takes a library that is being deleted off every department's list of libraries it serves. */
export async function removeFromServedLibraries(db: Executor, libraryId: number): Promise<void> {
  await db.deleteFrom("department_served_libraries").where("library_id", "=", libraryId).execute();
}

export async function departmentHasRequests(db: Executor, id: number): Promise<boolean> {
  return anyRequestNames(db, "department_id", id);
}

/** Removes the department with its served-library list and every role grant scoped to it (its operators). */
export async function deleteDepartment(db: Executor, id: number): Promise<void> {
  await deleteAssignmentsScopedTo(db, "department", id);
  await db.deleteFrom("department_served_libraries").where("department_id", "=", id).execute();
  await db.deleteFrom("departments").where("id", "=", id).execute();
}

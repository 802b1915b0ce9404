import type { Executor } from "../db/database.js";

/**
 * Row writers for the demo seed. Seed data sets a scene rather than taking user input, so it
 * writes rows directly instead of going through the configuration use cases.
 */

export async function findDepartmentId(db: Executor, institutionId: number, code: string): Promise<number> {
  const row = await db
    .selectFrom("departments")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A library-level department: it serves exactly its own library. */
export async function insertLibraryDepartment(
  db: Executor,
  institutionId: number,
  v: {
    code: string;
    name: string;
    description: string;
    work_time_days: number;
    map_url: string;
    library_id: number;
    default_printer_id: number;
  },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto("departments")
    .values({
      institution_id: institutionId,
      code: v.code,
      name: v.name,
      description: v.description,
      work_time_days: v.work_time_days,
      map_url: v.map_url,
      default_printer_id: v.default_printer_id,
      owner_level: "library",
      owner_library_id: v.library_id,
      serves_all_libraries: 0,
      contact_info: JSON.stringify({ addresses: [], phones: [], emails: [] }),
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("department_served_libraries")
    .values({ institution_id: institutionId, department_id: row.id, library_id: v.library_id })
    .execute();
  return row.id;
}

export async function setDefaultPrinter(db: Executor, departmentId: number, printerId: number, at: string) {
  await db
    .updateTable("departments")
    .set({ default_printer_id: printerId, updated_at: at })
    .where("id", "=", departmentId)
    .execute();
}

/** The first shelved item of a library that stands alone (no volume or issue to choose). */
export async function firstItemInLibrary(db: Executor, institutionId: number, libraryCode: string) {
  return db
    .selectFrom("items as i")
    .innerJoin("libraries as l", "l.id", "i.library_id")
    .select(["i.id", "i.bib_id"])
    .where("i.institution_id", "=", institutionId)
    .where("l.code", "=", libraryCode)
    .where("i.description", "is", null)
    .where("i.process_status", "=", "IN_PLACE")
    .orderBy("i.id")
    .limit(1)
    .executeTakeFirst();
}

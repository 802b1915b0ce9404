import type { Executor } from "../db/database.js";

interface PrinterValues {
  code: string;
  name: string;
  description: string | null;
  email: string | null;
}

export async function listPrinters(db: Executor, institutionId: number) {
  return db.selectFrom("printers").selectAll().where("institution_id", "=", institutionId).orderBy("code").execute();
}

export async function findPrinter(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("printers")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findPrinterByCode(db: Executor, institutionId: number, code: string) {
  return db
    .selectFrom("printers")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function insertPrinter(db: Executor, institutionId: number, v: PrinterValues, at: string) {
  return db
    .insertInto("printers")
    .values({ institution_id: institutionId, ...v, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePrinter(db: Executor, id: number, v: Partial<PrinterValues>, at: string) {
  return db
    .updateTable("printers")
    .set({ ...v, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deletePrinter(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("printers").where("id", "=", id).execute();
}

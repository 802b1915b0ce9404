import type { Expression, ExpressionBuilder, Selectable, SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import type { Database, PrintoutsTable } from "../db/schema.js";

export type PrintoutRow = Selectable<PrintoutsTable>;

/** One printout per print job: a retried job finds the row its first try wrote. */
export async function ensurePrintout(
  db: Executor,
  v: Omit<PrintoutRow, "id" | "status" | "print_count" | "emailed_to" | "updated_at">,
): Promise<PrintoutRow> {
  await db
    .insertInto("printouts")
    .values({ ...v, status: "queued", print_count: 0, emailed_to: null, updated_at: v.created_at })
    .onConflict((oc) => oc.column("outbox_id").doNothing())
    .execute();
  return db.selectFrom("printouts").selectAll().where("outbox_id", "=", v.outbox_id).executeTakeFirstOrThrow();
}

export async function setEmailed(db: Executor, id: number, address: string, at: string): Promise<void> {
  await db.updateTable("printouts").set({ emailed_to: address, updated_at: at }).where("id", "=", id).execute();
}

// Joins printers, the request, its title and item here: a printout is listed with its printer and
// shown by what its slip is about.
/** Printouts with their printer and what the slip is for: the request's title and item barcode. */
const withSlipSubject = (db: Executor) =>
  db
    .selectFrom("printouts as p")
    .leftJoin("printers as pr", "pr.id", "p.printer_id")
    .innerJoin("requests as r", "r.id", "p.request_id")
    .innerJoin("bibs as b", "b.id", "r.bib_id")
    .leftJoin("items as i", "i.id", "r.item_id")
    .select(["pr.name as printer_name", "b.title", "i.barcode"]);

export async function listPrintouts(
  db: Executor,
  institutionId: number,
  f: { status?: PrintoutRow["status"]; printerId?: number; limit: number },
  visible: ((eb: ExpressionBuilder<Database, "requests">) => Expression<SqlBool>) | null,
) {
  return withSlipSubject(db)
    .selectAll("p")
    .select(["pr.code as printer_code", "pr.email as printer_email"])
    .where("p.institution_id", "=", institutionId)
    .$if(visible !== null, (q) =>
      // A subquery on requests here: the answer is a list of printouts, filtered by what the actor may see.
      q.where("p.request_id", "in", (eb) =>
        eb
          .selectFrom("requests")
          .select("requests.id")
          .where("requests.institution_id", "=", institutionId)
          .where(visible!),
      ),
    )
    .$if(f.status !== undefined, (q) => q.where("p.status", "=", f.status!))
    .$if(f.printerId !== undefined, (q) => q.where("p.printer_id", "=", f.printerId!))
    .orderBy("p.id", "desc")
    .limit(f.limit)
    .execute();
}

export type PrintoutListRow = Awaited<ReturnType<typeof listPrintouts>>[number];

// Joins printers and requests here: a printout with its printer, and what its request says about who may see it.
export async function findPrintout(db: Executor, institutionId: number, id: number) {
  return withSlipSubject(db)
    .selectAll("p")
    .select(["r.user_id", "r.library_id", "r.department_id", "r.desk_id"])
    .select(["pr.code as printer_code", "pr.email as printer_email"])
    .where("p.institution_id", "=", institutionId)
    .where("p.id", "=", id)
    .executeTakeFirst();
}

/** Moves a printout from one of `from` to `to`, counting a print when asked; false if it was in another status. */
export async function moveStatus(
  db: Executor,
  id: number,
  from: PrintoutRow["status"][],
  to: PrintoutRow["status"],
  countPrint: boolean,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable("printouts")
    .set((eb) => ({ status: to, updated_at: at, ...(countPrint ? { print_count: eb("print_count", "+", 1) } : {}) }))
    .where("id", "=", id)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Joins requests and what they name here: the answer is a slip's facts (see docs/architecture.md).
/** What a slip shows about a request, and the printer of its handling place. */
export async function slipFacts(db: Executor, institutionId: number, requestId: number) {
  return db
    .selectFrom("requests as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .innerJoin("bibs as b", "b.id", "r.bib_id")
    .leftJoin("items as i", "i.id", "r.item_id")
    .leftJoin("holdings as h", "h.id", "i.holding_id")
    .leftJoin("departments as d", "d.id", "r.department_id")
    .leftJoin("circulation_desks as k", "k.id", "r.desk_id")
    .leftJoin("printers as p", "p.id", "d.default_printer_id")
    .select([
      "r.id",
      "r.form",
      "r.request_date",
      "u.first_name",
      "u.last_name",
      "b.title",
      "b.author",
      "i.barcode",
      "h.call_number",
      "d.name as department_name",
      "k.name as desk_name",
      "p.id as printer_id",
      "p.email as printer_email",
    ])
    .where("r.institution_id", "=", institutionId)
    .where("r.id", "=", requestId)
    .executeTakeFirst();
}

import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { departmentCodesPrintingTo } from "./departments-repository.js";
import { uniqueOr } from "./libraries.js";
import * as repo from "./printers-repository.js";

/** Use cases for printers (DOMAIN 1): records only; print jobs go through the outbox. */

interface NewPrinter {
  code: string;
  name: string;
  description?: string | null | undefined;
  /** an address means print-by-email; null means the on-screen printout queue only */
  email?: string | null | undefined;
}

type PrinterChanges = Partial<NewPrinter>;

export async function listPrinters(db: Db, actor: Actor) {
  authorize(actor, "configuration.read");
  return repo.listPrinters(db, actor.institutionId);
}

async function loadPrinter(db: Db, actor: Actor, id: number) {
  const printer = await repo.findPrinter(db, actor.institutionId, id);
  if (!printer) throw notFound("printer");
  return printer;
}

export async function readPrinter(db: Db, actor: Actor, id: number) {
  const printer = await loadPrinter(db, actor, id);
  authorize(actor, "configuration.read");
  return printer;
}

export async function createPrinter(db: Db, actor: Actor, input: NewPrinter, now: Date) {
  authorize(actor, "organisation.manage");
  const values = {
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    email: input.email ?? null,
  };
  return uniqueOr("printer", input.code, () => repo.insertPrinter(db, actor.institutionId, values, now.toISOString()));
}

export async function updatePrinter(db: Db, actor: Actor, id: number, input: PrinterChanges, now: Date) {
  await loadPrinter(db, actor, id);
  authorize(actor, "organisation.manage");
  return uniqueOr("printer", input.code, () => repo.updatePrinter(db, id, input, now.toISOString()));
}

export async function deletePrinter(db: Db, actor: Actor, id: number): Promise<void> {
  const printer = await loadPrinter(db, actor, id);
  authorize(actor, "organisation.manage");
  await db.transaction().execute(async (tx) => {
    const departments = await departmentCodesPrintingTo(tx, id);
    if (departments.length > 0) {
      throw new AppError("IN_USE", {
        message: `The printer ${printer.code} is the default printer of ${departments.join(", ")}; choose another printer there first.`,
        details: { used_by: departments.map((code) => `department ${code}`) },
      });
    }
    await repo.deletePrinter(tx, id);
  });
}

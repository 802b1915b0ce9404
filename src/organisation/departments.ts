import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db, Executor } from "../db/database.js";
import { AppError, type FieldProblem, notFound } from "../errors.js";
import { type ContactInfo, describeDepartment, describeDepartments, emptyContactInfo } from "./department-view.js";
import * as repo from "./departments-repository.js";
import { existingLibraryIds } from "./libraries-repository.js";
import { loadLibrary, uniqueOr } from "./libraries.js";
import { rulesTargeting } from "./place-references-repository.js";
import { findPrinterByCode } from "./printers-repository.js";

/** Use cases for digitization departments (DOMAIN 1). Each owns its transaction. */

type OwnerLevel = "institution" | "library";
/** The whole institution, or a list of its library ids (institution-level departments only). */
type ServedLibrariesInput = { all: true } | number[];

interface NewDepartment {
  code: string;
  name: string;
  description?: string | null | undefined;
  work_time_days: number;
  map_url?: string | null | undefined;
  /** printer code */
  default_printer?: string | null | undefined;
  owner_level: OwnerLevel;
  owner_library_id?: number | null | undefined;
  served_libraries?: ServedLibrariesInput | undefined;
  contact_info?: ContactInfo | undefined;
}

type DepartmentChanges = { [K in keyof NewDepartment]?: NewDepartment[K] | undefined };

interface Ownership {
  owner_level: OwnerLevel;
  owner_library_id: number | null;
  /** undefined: leave as stored */
  serves_all_libraries?: number;
  /** null: leave the stored list as it is */
  servedIds: number[] | null;
}

/**
 * Checks who owns the department and which libraries it serves, collecting every problem so
 * the caller can fix them in one go. A library-level department serves exactly its own
 * library, which is derived from owner_library_id rather than stored as a list.
 */
async function resolveOwnership(
  db: Executor,
  institutionId: number,
  level: OwnerLevel,
  ownerLibraryId: number | null,
  served: ServedLibrariesInput | undefined,
  servedRequired: boolean,
  problems: FieldProblem[],
): Promise<Ownership> {
  if (level === "library") {
    if (ownerLibraryId === null) {
      problems.push({ field: "owner_library_id", message: "is required for a library-level department" });
    } else if (!(await existingLibraryIds(db, institutionId, [ownerLibraryId])).has(ownerLibraryId)) {
      problems.push({
        field: "owner_library_id",
        message: `library ${ownerLibraryId} is not a library of this institution`,
      });
    }
    const ownOnly = Array.isArray(served) && served.length === 1 && served[0] === ownerLibraryId;
    if (served !== undefined && !ownOnly) {
      problems.push({
        field: "served_libraries",
        message: "a library-level department serves exactly its own library (owner_library_id); omit served_libraries",
      });
    }
    return { owner_level: level, owner_library_id: ownerLibraryId, serves_all_libraries: 0, servedIds: [] };
  }
  if (ownerLibraryId !== null) {
    problems.push({ field: "owner_library_id", message: "must not be set for an institution-level department" });
  }
  if (served === undefined) {
    if (servedRequired) {
      problems.push({
        field: "served_libraries",
        message: 'is required for an institution-level department: { "all": true } or a list of library ids',
      });
    }
    return { owner_level: level, owner_library_id: null, servedIds: null };
  }
  if (!Array.isArray(served))
    return { owner_level: level, owner_library_id: null, serves_all_libraries: 1, servedIds: [] };
  const known = await existingLibraryIds(db, institutionId, served);
  served.forEach((id, i) => {
    if (served.indexOf(id) !== i)
      problems.push({ field: `served_libraries.${i}`, message: `library ${id} is listed twice` });
    else if (!known.has(id))
      problems.push({ field: `served_libraries.${i}`, message: `library ${id} is not a library of this institution` });
  });
  return { owner_level: level, owner_library_id: null, serves_all_libraries: 0, servedIds: served };
}

async function resolvePrinter(
  db: Executor,
  institutionId: number,
  code: string | null,
  problems: FieldProblem[],
): Promise<number | null> {
  if (code === null) return null;
  const printer = await findPrinterByCode(db, institutionId, code);
  if (!printer)
    problems.push({ field: "default_printer", message: `no printer with code ${code} in this institution` });
  return printer?.id ?? null;
}

function refuse(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new AppError("VALIDATION_FAILED", {
    message: `Invalid department: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}.`,
    fields: problems,
  });
}

async function applyServedLibraries(db: Executor, institutionId: number, id: number, o: Ownership): Promise<void> {
  if (o.servedIds !== null) await repo.replaceServedLibraries(db, institutionId, id, o.servedIds);
}

export async function loadDepartment(db: Db, actor: Actor, id: number) {
  const row = await repo.findDepartment(db, actor.institutionId, id);
  if (!row) throw notFound("department");
  return row;
}

export async function readDepartment(db: Db, actor: Actor, id: number) {
  const row = await loadDepartment(db, actor, id);
  authorize(actor, "configuration.read");
  return describeDepartment(db, actor.institutionId, row);
}

/** Every department, or with libraryId the library's list: its own plus the institution-level ones serving it. */
export async function listDepartments(db: Db, actor: Actor, libraryId?: number) {
  if (libraryId !== undefined) await loadLibrary(db, actor, libraryId);
  authorize(actor, "configuration.read");
  const rows =
    libraryId === undefined
      ? await repo.listDepartments(db, actor.institutionId)
      : await repo.listDepartmentsServing(db, actor.institutionId, libraryId);
  return describeDepartments(db, actor.institutionId, rows);
}

export async function createDepartment(db: Db, actor: Actor, input: NewDepartment, now: Date) {
  authorize(actor, "fulfillment.manage");
  const inst = actor.institutionId;
  const at = now.toISOString();
  const id = await uniqueOr("department", input.code, () =>
    db.transaction().execute(async (tx) => {
      const problems: FieldProblem[] = [];
      const printerId = await resolvePrinter(tx, inst, input.default_printer ?? null, problems);
      const owner = await resolveOwnership(
        tx,
        inst,
        input.owner_level,
        input.owner_library_id ?? null,
        input.served_libraries,
        true,
        problems,
      );
      refuse(problems);
      const newId = await repo.insertDepartment(
        tx,
        inst,
        {
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          work_time_days: input.work_time_days,
          map_url: input.map_url ?? null,
          default_printer_id: printerId,
          owner_level: owner.owner_level,
          owner_library_id: owner.owner_library_id,
          serves_all_libraries: owner.serves_all_libraries ?? 0,
          contact_info: JSON.stringify(input.contact_info ?? emptyContactInfo()),
        },
        at,
      );
      await applyServedLibraries(tx, inst, newId, owner);
      return newId;
    }),
  );
  return describeDepartment(db, inst, (await repo.findDepartment(db, inst, id))!);
}

/**
 * Fields not sent keep their value. When owner_level changes, the ownership fields of the old
 * level are not carried over: the new level's owner_library_id or served_libraries must be sent.
 */
export async function updateDepartment(db: Db, actor: Actor, id: number, input: DepartmentChanges, now: Date) {
  const current = await loadDepartment(db, actor, id);
  authorize(actor, "fulfillment.manage");
  const inst = actor.institutionId;
  await uniqueOr("department", input.code, () =>
    db.transaction().execute(async (tx) => {
      const problems: FieldProblem[] = [];
      const printerId =
        input.default_printer === undefined
          ? undefined
          : await resolvePrinter(tx, inst, input.default_printer, problems);
      const level = input.owner_level ?? current.owner_level;
      const levelChanged = level !== current.owner_level;
      const touchesOwnership =
        levelChanged || input.owner_library_id !== undefined || input.served_libraries !== undefined;
      const owner = touchesOwnership
        ? await resolveOwnership(
            tx,
            inst,
            level,
            input.owner_library_id !== undefined
              ? input.owner_library_id
              : levelChanged
                ? null
                : current.owner_library_id,
            input.served_libraries,
            levelChanged,
            problems,
          )
        : null;
      refuse(problems);
      await repo.updateDepartment(
        tx,
        id,
        {
          code: input.code,
          name: input.name,
          description: input.description,
          work_time_days: input.work_time_days,
          map_url: input.map_url,
          default_printer_id: printerId,
          owner_level: owner?.owner_level,
          owner_library_id: owner?.owner_library_id,
          serves_all_libraries: owner?.serves_all_libraries,
          contact_info: input.contact_info === undefined ? undefined : JSON.stringify(input.contact_info),
        },
        now.toISOString(),
      );
      if (owner) await applyServedLibraries(tx, inst, id, owner);
    }),
  );
  return describeDepartment(db, inst, (await repo.findDepartment(db, inst, id))!);
}

export async function deleteDepartment(db: Db, actor: Actor, id: number): Promise<void> {
  const dept = await loadDepartment(db, actor, id);
  authorize(actor, "fulfillment.manage");
  await db.transaction().execute(async (tx) => {
    const used: string[] = [];
    if (await repo.departmentHasRequests(tx, id)) used.push("requests");
    used.push(...(await rulesTargeting(tx, actor.institutionId, dept.code)));
    if (used.length > 0) {
      throw new AppError("IN_USE", {
        message: `The department ${dept.code} is still referenced by ${used.join(", ")}.`,
        details: { used_by: used },
      });
    }
    await repo.deleteDepartment(tx, id);
  });
}

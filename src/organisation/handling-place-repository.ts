import type { Executor } from "../db/database.js";
import {
  findDepartmentByCode,
  listDepartments,
  listDepartmentsServing,
  servedLibraryRows,
} from "./departments-repository.js";
import { findDeskByCode, listDesks } from "./desks-repository.js";
import type { PlaceCandidate } from "./handling-place.js";

/** The handling places (departments and circulation desks), read through the repositories that own them. */

/** Every place in the institution that could handle digitization, in the shape resolveHandlingPlace wants. */
export async function loadPlaceCandidates(db: Executor, institutionId: number): Promise<PlaceCandidate[]> {
  const [depts, allDesks] = await Promise.all([listDepartments(db, institutionId), listDesks(db, institutionId)]);
  const served = await servedLibraryRows(
    db,
    depts.map((d) => d.id),
  );
  return candidatesOf(depts, served, allDesks);
}

/**
 * Only the places one request can go to, for resolveHandlingPlace: the one named `code` (staff's
 * or the rule's target), else the departments and digitization desks that serve `libraryId`.
 * Placement reads these instead of the institution's every place; a department's
 * servedLibraryIds then holds `libraryId` alone, the only one the decision looks at.
 */
export async function loadPlaceCandidatesFor(
  db: Executor,
  institutionId: number,
  libraryId: number,
  code: string | null,
): Promise<PlaceCandidate[]> {
  if (code !== null) {
    const dept = await findDepartmentByCode(db, institutionId, code);
    if (dept) return candidatesOf([dept], [], []);
    const desk = await findDeskByCode(db, institutionId, code);
    return candidatesOf([], [], desk ? [desk] : []);
  }
  const [depts, desks] = await Promise.all([
    listDepartmentsServing(db, institutionId, libraryId),
    listDesks(db, institutionId, libraryId),
  ]);
  return servingCandidates(libraryId, depts, desks);
}

/** The departments that serve `libraryId` and its desks as candidates (loadPlaceCandidatesFor). */
export function servingCandidates(libraryId: number, depts: DepartmentRow[], desks: DeskRow[]): PlaceCandidate[] {
  const served = depts.map((d) => ({ department_id: d.id, library_id: libraryId }));
  return candidatesOf(depts, served, desks);
}

type DepartmentRow = Awaited<ReturnType<typeof listDepartments>>[number];
type DeskRow = Awaited<ReturnType<typeof listDesks>>[number];

function candidatesOf(
  depts: DepartmentRow[],
  served: { department_id: number; library_id: number }[],
  allDesks: DeskRow[],
): PlaceCandidate[] {
  const desks = allDesks.filter((d) => d.supports_digitization === 1);
  return [
    ...depts.map((d): PlaceCandidate => ({
      kind: "department",
      id: d.id,
      code: d.code,
      name: d.name,
      level: d.owner_level,
      libraryId: d.owner_library_id,
      servesAll: d.serves_all_libraries === 1,
      servedLibraryIds: served.filter((s) => s.department_id === d.id).map((s) => s.library_id),
      supportsDigitization: true,
      workTimeDays: d.work_time_days,
    })),
    ...desks.map((d): PlaceCandidate => ({
      kind: "desk",
      id: d.id,
      code: d.code,
      name: d.name,
      level: "library",
      libraryId: d.library_id,
      servesAll: false,
      servedLibraryIds: [],
      supportsDigitization: d.supports_digitization === 1,
      workTimeDays: d.work_time_days,
    })),
  ];
}

/** A handling place by its code: a department, else a circulation desk (codes are unique within each kind). */
export async function findPlaceByCode(db: Executor, institutionId: number, code: string) {
  const dept = await findDepartmentByCode(db, institutionId, code);
  if (dept) return { kind: "department" as const, id: dept.id, libraryId: dept.owner_library_id };
  const desk = await findDeskByCode(db, institutionId, code);
  return desk ? { kind: "desk" as const, id: desk.id, libraryId: desk.library_id } : null;
}

import type { Executor } from "../db/database.js";
import { listGrantHolders } from "../people/role-assignments-repository.js";
import { type DepartmentRow, servedLibraryRows } from "./departments-repository.js";
import { listLibraries } from "./libraries-repository.js";

/** A department as the API presents it: references resolved, with its served libraries and operators. */

export interface ContactInfo {
  addresses: {
    line1: string;
    line2: string | null;
    city: string | null;
    postal_code: string | null;
    country: string | null;
  }[];
  phones: string[];
  emails: string[];
}

export const emptyContactInfo = (): ContactInfo => ({ addresses: [], phones: [], emails: [] });

/*
 * A department's operators are the users holding WORK_ORDER_OPERATOR scoped to it (DOMAIN 1,
 * 2): the role assignment is the membership, so there is no operators table to drift from it.
 */
const OPERATOR = { role: "WORK_ORDER_OPERATOR", scope_type: "department" } as const;

export const operatorGrant = (departmentId: number) => ({ ...OPERATOR, scope_id: departmentId });

/** The operators of these departments, each with the department it operates (`scope_id`). */
export const listOperators = (db: Executor, departmentIds: number[]) => listGrantHolders(db, OPERATOR, departmentIds);

export interface OperatorView {
  user_id: number;
  primary_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
}

interface DepartmentView {
  id: number;
  code: string;
  name: string;
  description: string | null;
  work_time_days: number;
  map_url: string | null;
  default_printer: string | null;
  owner_level: "institution" | "library";
  owner_library_id: number | null;
  served_libraries: { all: boolean; libraries: { id: number; code: string; name: string }[] };
  contact_info: ContactInfo;
  operators: OperatorView[];
  created_at: string;
  updated_at: string;
}

function parseContactInfo(json: string): ContactInfo {
  const parsed = JSON.parse(json) as Partial<ContactInfo> | null;
  return { ...emptyContactInfo(), ...parsed };
}

export const toOperatorView = (u: OperatorView): OperatorView => ({
  user_id: u.user_id,
  primary_id: u.primary_id,
  first_name: u.first_name,
  last_name: u.last_name,
  email: u.email,
});

/** Builds the views of many departments with a fixed number of queries, whatever their count. */
export async function describeDepartments(
  db: Executor,
  institutionId: number,
  rows: DepartmentRow[],
): Promise<DepartmentView[]> {
  const ids = rows.map((r) => r.id);
  const [libraries, served, operators] = await Promise.all([
    listLibraries(db, institutionId),
    servedLibraryRows(db, ids),
    listOperators(db, ids),
  ]);
  const ref = (l: { id: number; code: string; name: string }) => ({ id: l.id, code: l.code, name: l.name });
  return rows.map((d) => {
    const servesAll = d.owner_level === "institution" && d.serves_all_libraries === 1;
    const servedIds = new Set(
      d.owner_level === "library"
        ? [d.owner_library_id]
        : served.filter((s) => s.department_id === d.id).map((s) => s.library_id),
    );
    return {
      id: d.id,
      code: d.code,
      name: d.name,
      description: d.description,
      work_time_days: d.work_time_days,
      map_url: d.map_url,
      default_printer: d.default_printer,
      owner_level: d.owner_level,
      owner_library_id: d.owner_library_id,
      served_libraries: {
        all: servesAll,
        libraries: libraries.filter((l) => servesAll || servedIds.has(l.id)).map(ref),
      },
      contact_info: parseContactInfo(d.contact_info),
      operators: operators.filter((o) => o.scope_id === d.id).map(toOperatorView),
      created_at: d.created_at,
      updated_at: d.updated_at,
    };
  });
}

export async function describeDepartment(db: Executor, institutionId: number, row: DepartmentRow) {
  const [view] = await describeDepartments(db, institutionId, [row]);
  return view!;
}

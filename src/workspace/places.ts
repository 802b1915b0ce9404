import type { Grant } from "../auth/actor.js";
import type { RoleCode } from "../db/schema.js";
import { ROLE_CODES } from "../people/role-definitions.js";

/**
 * The places a staff member works at (DOMAIN 1 and 2): the digitization departments and the
 * desks their grants cover. Pure, so the coverage rules are tested without a database.
 */

export interface DepartmentFacts {
  id: number;
  code: string;
  name: string;
  owner_level: "institution" | "library";
  owner_library_id: number | null;
  serves_all_libraries: number;
  /** the libraries an institution-level department serves by name */
  served_library_ids: readonly number[];
}

export interface DeskFacts {
  id: number;
  code: string;
  name: string;
  library_id: number;
  supports_digitization: number;
}

export interface WorkPlace {
  kind: "department" | "desk";
  id: number;
  code: string;
  name: string;
  /** the library the place belongs to; null for an institution-level department */
  library_id: number | null;
  /** the caller's roles that cover this place, in the order of the role table */
  roles: RoleCode[];
}

const servesLibrary = (d: DepartmentFacts, libraryId: number): boolean =>
  d.owner_level === "library"
    ? d.owner_library_id === libraryId
    : d.serves_all_libraries === 1 || d.served_library_ids.includes(libraryId);

function departmentCovered(g: Grant, d: DepartmentFacts): boolean {
  switch (g.scopeType) {
    case "institution":
      return true;
    case "library":
      return g.scopeId !== null && servesLibrary(d, g.scopeId);
    case "department":
      return g.scopeId === d.id;
    case "desk":
      return false;
  }
}

function deskCovered(g: Grant, k: DeskFacts): boolean {
  switch (g.scopeType) {
    case "institution":
      return k.supports_digitization === 1;
    case "library":
      return k.supports_digitization === 1 && g.scopeId === k.library_id;
    case "department":
      return false;
    case "desk":
      // A desk named in the grant is a place to work at, digitization or not: the desk's staff
      // place requests for the patrons they serve there.
      return g.scopeId === k.id;
  }
}

/** `grants`: those of roles that work on requests (the caller filters by role). */
export function workPlaces(
  grants: readonly Grant[],
  departments: readonly DepartmentFacts[],
  desks: readonly DeskFacts[],
) {
  const roles = (covered: (g: Grant) => boolean) =>
    ROLE_CODES.filter((role) => grants.some((g) => g.role === role && covered(g)));
  const places: WorkPlace[] = [];
  for (const d of departments) {
    const r = roles((g) => departmentCovered(g, d));
    if (r.length > 0) {
      const library_id = d.owner_level === "library" ? d.owner_library_id : null;
      places.push({ kind: "department", id: d.id, code: d.code, name: d.name, library_id, roles: r });
    }
  }
  for (const k of desks) {
    const r = roles((g) => deskCovered(g, k));
    if (r.length > 0)
      places.push({ kind: "desk", id: k.id, code: k.code, name: k.name, library_id: k.library_id, roles: r });
  }
  return places;
}

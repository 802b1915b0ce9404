import type { ReactElement } from "react";
import type { Place } from "../../../shared/router";
import { AreaGate } from "../forms/forms";
import { DepartmentPage } from "./DepartmentPage";
import { DepartmentsPage } from "./DepartmentsPage";

/**
 * The addresses of step 2 under /staff/setup/departments: the list, /new and /<code> (or /<id>):
 * one form component for both, so a created department stays on screen with its saved message.
 * Desks live under their library: /staff/setup/libraries/<code>/desks/<code>.
 */
export function departmentPages(place: Place, rest: string): ReactElement | null {
  const page = route(place, rest);
  return page && <AreaGate area="fulfillment">{page}</AreaGate>;
}

function route(place: Place, rest: string): ReactElement | null {
  if (rest === "") return <DepartmentsPage place={place} />;
  const dep = /^\/([^/]+)$/.exec(rest);
  if (dep?.[1]) return <DepartmentPage place={place} which={dep[1] === "new" ? null : decodeURIComponent(dep[1])} />;
  return null;
}

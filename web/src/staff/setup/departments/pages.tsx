import type { ReactElement } from "react";
import type { Place } from "../../../shared/router";
import { AreaGate } from "../forms/forms";
import { DepartmentPage } from "./DepartmentPage";
import { DepartmentsPage } from "./DepartmentsPage";
import { DeskPage } from "./DeskPage";

/**
 * The addresses of step 2 under /staff/setup/departments: the list, /new and /<id> (one form
 * component for both, so a created department stays on screen with its saved message), and the
 * desks at /desks/new?library=<id> and /desks/<id>.
 */
export function departmentPages(place: Place, rest: string): ReactElement | null {
  const page = route(place, rest);
  return page && <AreaGate area="fulfillment">{page}</AreaGate>;
}

function route(place: Place, rest: string): ReactElement | null {
  if (rest === "") return <DepartmentsPage place={place} />;
  const dep = /^\/(new|\d+)$/.exec(rest);
  if (dep) return <DepartmentPage place={place} id={dep[1] === "new" ? null : Number(dep[1])} />;
  const desk = /^\/desks\/(new|\d+)$/.exec(rest);
  if (desk) return <DeskPage place={place} id={desk[1] === "new" ? null : Number(desk[1])} />;
  return null;
}

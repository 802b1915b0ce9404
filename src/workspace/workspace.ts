import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { listDepartments, servedLibraryRows } from "../organisation/departments-repository.js";
import { listDesks } from "../organisation/desks-repository.js";
import { listLibraries } from "../organisation/libraries-repository.js";
import { getUser } from "../people/users-repository.js";
import { isRequestStaff } from "../requests/policy.js";
import { workPlaces } from "./places.js";
import { setupAreas, staffScreens } from "./policy.js";

/**
 * "What may I do here": the signed-in staff member's screens and the places they work at, so the
 * staff app follows the server instead of reading roles itself. A patron gets no screens and no
 * places (and the app says the staff pages are not for them).
 */
export async function staffWorkspace(db: Db, actor: Actor) {
  const working = actor.grants.filter((g) => isRequestStaff(g.role) || g.role === "GENERAL_SYSTEM_ADMINISTRATOR");
  const user = await getUser(db, actor.userId);
  if (working.length === 0)
    return {
      user,
      screens: staffScreens(actor),
      setup_areas: setupAreas(actor),
      places: [],
      libraries: new Map<number, string>(),
    };
  const [departments, desks, libraries] = await Promise.all([
    listDepartments(db, actor.institutionId),
    listDesks(db, actor.institutionId),
    listLibraries(db, actor.institutionId),
  ]);
  const served = await servedLibraryRows(
    db,
    departments.map((d) => d.id),
  );
  const places = workPlaces(
    working,
    departments.map((d) => ({
      ...d,
      served_library_ids: served.filter((s) => s.department_id === d.id).map((s) => s.library_id),
    })),
    desks,
  );
  return {
    user,
    screens: staffScreens(actor),
    setup_areas: setupAreas(actor),
    places,
    libraries: new Map(libraries.map((l) => [l.id, l.code])),
  };
}

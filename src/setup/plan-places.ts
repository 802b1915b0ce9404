import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import type { RoleCode, ScopeType } from "../db/schema.js";
import { INSTITUTION_DEPARTMENT_CODE } from "../organisation/create-institution.js";
import { emptyContactInfo } from "../organisation/department-view.js";
import {
  findDepartmentByCode,
  insertDepartment,
  replaceServedLibraries,
  updateDepartment,
} from "../organisation/departments-repository.js";
import { findDeskByCode, insertDesk, updateDesk } from "../organisation/desks-repository.js";
import { findLibraryByCode, insertLibrary } from "../organisation/libraries-repository.js";
import { findPrinterByCode, insertPrinter } from "../organisation/printers-repository.js";
import { findSameGrant, insertAssignment } from "../people/role-assignments-repository.js";
import { findUserGroupByCode, insertUserGroup } from "../people/user-groups-repository.js";
import { findUser, lockUser } from "../people/users-repository.js";
import { setGroupLimit } from "../rules/tables/patron-limits.js";
import type { PlanChange, PlanInput } from "./plan-model.js";

/** Where the work is done, as the plan leaves it: ids for the grants, codes for the answer. */
export interface PlannedPlaces {
  libraries: { id: number; code: string }[];
  departments: { id: number; code: string }[];
  desks: { id: number; code: string }[];
}

/** A library's own department, when each library has one. */
export const libraryDepartmentCode = (libraryCode: string) => `DIGI_${libraryCode}`.slice(0, 50);

/** Libraries, the printer, and the places (question 1), made or brought into line with the answers. */
export async function planPlaces(
  tx: Executor,
  actor: Actor,
  input: PlanInput,
  at: string,
  changes: PlanChange[],
): Promise<PlannedPlaces> {
  const inst = actor.institutionId;
  const places: PlannedPlaces = { libraries: [], departments: [], desks: [] };
  for (const lib of input.libraries) {
    const found = await findLibraryByCode(tx, inst, lib.code);
    const row = found ?? (await insertLibrary(tx, inst, { code: lib.code, name: lib.name }, at));
    changes.push({ kind: "library", action: found ? "keep" : "create", code: row.code, name: row.name });
    places.libraries.push({ id: row.id, code: row.code });
  }
  let printer: { id: number; code: string } | null = null;
  if (input.printer) {
    const found = await findPrinterByCode(tx, inst, input.printer.code);
    const row =
      found ?? (await insertPrinter(tx, inst, { ...input.printer, description: "Pick slips (planned at setup)" }, at));
    changes.push({
      kind: "printer",
      action: found ? "keep" : "create",
      code: row.code,
      name: row.name,
      email: row.email,
    });
    printer = { id: row.id, code: row.code };
  }
  const department = async (code: string, name: string, library: { id: number; code: string } | null) => {
    const values = {
      work_time_days: input.work_time_days,
      default_printer_id: printer?.id ?? null,
      serves_all_libraries: library ? 0 : 1,
    };
    const found = await findDepartmentByCode(tx, inst, code);
    let id: number;
    let action: "create" | "update" | "keep" = "keep";
    if (!found) {
      id = await insertDepartment(
        tx,
        inst,
        {
          code,
          name,
          description: null,
          map_url: null,
          owner_level: library ? "library" : "institution",
          owner_library_id: library?.id ?? null,
          contact_info: JSON.stringify(emptyContactInfo()),
          ...values,
        },
        at,
      );
      action = "create";
    } else {
      id = found.id;
      const same =
        found.work_time_days === values.work_time_days &&
        found.default_printer_id === values.default_printer_id &&
        (library !== null || found.serves_all_libraries === 1);
      if (!same) {
        // A library's own department keeps serving its library; the institution's serves all of them.
        await updateDepartment(tx, id, library ? { ...values, serves_all_libraries: 0 } : values, at);
        action = "update";
      }
    }
    if (library) await replaceServedLibraries(tx, inst, id, [library.id]);
    changes.push({
      kind: "department",
      action,
      code,
      name: found?.name ?? name,
      work_time_days: values.work_time_days,
      printer: printer?.code ?? null,
      serves: library ? [library.code] : [],
    });
    places.departments.push({ id, code });
  };
  // The institution's department always stays: it takes what no library-level place serves.
  await department(INSTITUTION_DEPARTMENT_CODE, "Digitization Department For Institution", null);
  for (const [i, lib] of input.libraries.entries()) {
    const library = places.libraries[i]!;
    if (input.place === "library_departments")
      await department(libraryDepartmentCode(lib.code), `${lib.name} Digitization`, library);
    if (input.place === "desks" && lib.desk) {
      const found = await findDeskByCode(tx, inst, lib.desk.code);
      const values = { supports_digitization: true, work_time_days: input.work_time_days };
      let action: "create" | "update" | "keep" = "keep";
      let id: number;
      if (!found) {
        id = (await insertDesk(tx, inst, library.id, { code: lib.desk.code, name: lib.desk.name, ...values }, at)).id;
        action = "create";
      } else {
        id = found.id;
        if (found.supports_digitization !== 1 || found.work_time_days !== input.work_time_days) {
          await updateDesk(tx, id, values, at);
          action = "update";
        }
      }
      const name = found?.name ?? lib.desk.name;
      changes.push({
        kind: "desk",
        action,
        code: lib.desk.code,
        name,
        library: library.code,
        work_time_days: input.work_time_days,
      });
      places.desks.push({ id, code: lib.desk.code });
    }
  }
  return places;
}

/** User groups and their limits (questions 4 and 6): a group that may not request gets limit 0. */
export async function planGroups(tx: Executor, actor: Actor, input: PlanInput, at: string, changes: PlanChange[]) {
  for (const g of input.user_groups) {
    const found = await findUserGroupByCode(tx, actor.institutionId, g.code);
    if (!found) await insertUserGroup(tx, actor.institutionId, { code: g.code, name: g.name, shared: 0 }, at);
    const max = g.may_request ? g.max_requests : 0;
    await setGroupLimit(tx, actor, g.code, max, at);
    changes.push({
      kind: "user_group",
      action: found ? "update" : "create",
      code: g.code,
      name: found?.name ?? g.name,
      max_requests: max,
    });
  }
}

/** Who does which part of the work (question 7), granted in the scopes the plan's places give. */
export async function planStaff(
  tx: Executor,
  actor: Actor,
  input: PlanInput,
  places: PlannedPlaces,
  at: string,
  changes: PlanChange[],
) {
  type Grant = { role: RoleCode; scope_type: ScopeType; scope: { id: number; code: string } | null };
  for (const s of input.staff) {
    const user = await findUser(tx, actor.institutionId, s.user_id);
    if (!user) continue;
    await lockUser(tx, user.id);
    const grants: Grant[] = [
      ...(s.scans
        ? places.departments.map((p) => ({ role: "WORK_ORDER_OPERATOR", scope_type: "department", scope: p }))
        : []),
      ...(s.scans ? places.desks.map((p) => ({ role: "WORK_ORDER_OPERATOR", scope_type: "desk", scope: p })) : []),
      ...(s.approves ? [{ role: "FULFILLMENT_SERVICES_MANAGER", scope_type: "institution", scope: null }] : []),
      ...(s.requests_for_patrons
        ? places.libraries.map((p) => ({ role: "FULFILLMENT_SERVICES_OPERATOR", scope_type: "library", scope: p }))
        : []),
      ...(s.picks ? places.libraries.map((p) => ({ role: "REQUESTS_OPERATOR", scope_type: "library", scope: p })) : []),
    ] as Grant[];
    for (const g of grants) {
      const values = { role: g.role, scope_type: g.scope_type, scope_id: g.scope?.id ?? null };
      const held = await findSameGrant(tx, user.id, values);
      if (!held) await insertAssignment(tx, user, values, at);
      changes.push({
        kind: "role",
        action: held ? "keep" : "create",
        user: user.primary_id,
        user_name: [user.first_name, user.last_name].filter(Boolean).join(" ") || user.primary_id,
        role: g.role,
        scope_type: g.scope_type,
        scope: g.scope?.code ?? null,
      });
    }
  }
}

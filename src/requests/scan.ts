import type { Actor } from "../auth/actor.js";
import { findItemByBarcode } from "../catalogue/items-repository.js";
import type { Db } from "../db/database.js";
import type { RequestState } from "../db/schema.js";
import { AppError } from "../errors.js";
import { findDepartmentByCode, findDepartment, servedLibraryRows } from "../organisation/departments-repository.js";
import { findDesk, findDeskByCode } from "../organisation/desks-repository.js";
import { findUser } from "../people/users-repository.js";
import { workPlaces } from "../workspace/places.js";
import { pickItem, scanIn } from "./handling-steps.js";
import { authorizeScan, authorizeScanningAt, canSee, isRequestStaff, type ScanStep } from "./policy.js";
import { findRequest, openRequestsOfItem, type RequestRow } from "./repository.js";

/*
 * The scan station (DOMAIN 7): a barcode and the place the station works for. The item's open
 * request at that place gets its next step: on the shelf list it is picked (picked where it is
 * digitized, it is scanned in at once); in transit, scanning it at its place is its arrival, which
 * this state machine calls scanning in. The step itself is the existing use case, with its own
 * transaction, authorization, guarded change and history row; what comes before it only reads.
 */

export interface ScanPlace {
  kind: "department" | "desk";
  code?: string | undefined;
  id?: number | undefined;
}

interface Place {
  kind: "department" | "desk";
  id: number;
  code: string;
  name: string;
}

const STEP_OF: Partial<Record<RequestState, ScanStep>> = { PICK_FROM_SHELF: "pick", IN_TRANSIT: "scan_in" };

const placeLabel = (p: { code: string; name: string }) => `${p.name} (${p.code})`;

/** The place, and the caller's roles that cover it (those of the places they work at). */
async function loadPlace(db: Db, actor: Actor, ask: ScanPlace) {
  const grants = actor.grants.filter((g) => isRequestStaff(g.role));
  const missing = () =>
    new AppError("NOT_FOUND", {
      message: `No ${ask.kind === "desk" ? "circulation desk" : "digitization department"} ${ask.code ?? ask.id ?? ""} here.`,
      fields: [{ field: "place", message: "is not a place of this institution" }],
    });
  if (ask.kind === "department") {
    const d =
      ask.id !== undefined
        ? await findDepartment(db, actor.institutionId, ask.id)
        : await findDepartmentByCode(db, actor.institutionId, ask.code ?? "");
    if (!d) throw missing();
    const served = await servedLibraryRows(db, [d.id]);
    const facts = { ...d, served_library_ids: served.map((s) => s.library_id) };
    const roles = workPlaces(grants, [facts], [])[0]?.roles ?? [];
    return { place: { kind: "department", id: d.id, code: d.code, name: d.name } satisfies Place, roles };
  }
  const k =
    ask.id !== undefined
      ? await findDesk(db, actor.institutionId, ask.id)
      : await findDeskByCode(db, actor.institutionId, ask.code ?? "");
  if (!k) throw missing();
  const roles = workPlaces(grants, [], [k])[0]?.roles ?? [];
  return { place: { kind: "desk", id: k.id, code: k.code, name: k.name } satisfies Place, roles };
}

const handledAt = (r: { department_id: number | null; desk_id: number | null }, p: Place) =>
  p.kind === "department" ? r.department_id === p.id : r.desk_id === p.id;

const placeOf = (r: RequestRow) =>
  r.department_code !== null
    ? { kind: "department" as const, code: r.department_code, name: r.department_name! }
    : r.desk_code !== null
      ? { kind: "desk" as const, code: r.desk_code, name: r.desk_name! }
      : null;

/** The item's request is another place's: named to those who may see it, else only said. */
function atOtherPlace(actor: Actor, r: RequestRow, here: Place): AppError {
  const there = placeOf(r);
  if (!canSee(actor, r) || !there) {
    return new AppError("REQUEST_AT_OTHER_PLACE", {
      message: `This item’s request is handled at another place, not at ${placeLabel(here)}.`,
    });
  }
  return new AppError("REQUEST_AT_OTHER_PLACE", {
    message: `This item’s request ${r.id} is handled at ${placeLabel(there)}, not at ${placeLabel(here)}: scan it there.`,
    details: { request_id: String(r.id), place: there },
  });
}

const WAITING: Partial<Record<RequestState, string>> = {
  NEW: "is not yet on the shelf list",
  AWAITING_APPROVAL: "is waiting for approval: pick the item once it is approved",
  IN_DIGITIZATION: "is already scanned in: the next step is to attach its file on the request’s page",
  DIGITIZED: "already has its file: it waits for approval or delivery",
};

function nothingToScan(r: RequestRow): AppError {
  return new AppError("NOTHING_TO_SCAN", {
    message: `Request ${r.id} ${WAITING[r.state] ?? `is ${r.state}`} (${r.state}); scanning the item does nothing now.`,
    details: { request_id: String(r.id), state: r.state },
  });
}

function doneInWords(step: ScanStep, after: RequestState, id: number, place: Place): string {
  if (step === "scan_in") return `Arrived and scanned in at ${place.name}: request ${id} is ready to be digitized.`;
  if (after === "IN_DIGITIZATION")
    return `Picked and scanned in at ${place.name}, where it is digitized: request ${id} is ready to be digitized.`;
  return `Picked from the shelf: request ${id} is in transit to ${place.name}; scan it again when it arrives there.`;
}

/** Scans one item at a place: finds its open request there and does the next step. */
export async function scanItem(db: Db, actor: Actor, input: { barcode: string; place: ScanPlace }, now: Date) {
  const { place, roles } = await loadPlace(db, actor, input.place);
  authorizeScanningAt(roles, placeLabel(place));
  const item = await findItemByBarcode(db, actor.institutionId, input.barcode);
  if (!item) {
    throw new AppError("UNKNOWN_BARCODE", {
      message: `No item has the barcode ${input.barcode}: check the label, or scan it again.`,
      details: { barcode: input.barcode },
    });
  }
  const open = await openRequestsOfItem(db, actor.institutionId, item.id);
  if (open.length === 0) {
    throw new AppError("NO_OPEN_REQUEST", {
      message: `The item ${input.barcode} has no open request: there is nothing to pick or scan in for it.`,
      details: { barcode: input.barcode },
    });
  }
  const here = open.filter((r) => handledAt(r, place));
  // Several requests for one item at one place: the oldest that waits for a scan goes first.
  const chosen = here.find((r) => STEP_OF[r.state] !== undefined) ?? here[0];
  const row = await findRequest(db, actor.institutionId, (chosen ?? open[0]!).id);
  if (!row) throw new AppError("NO_OPEN_REQUEST"); // closed and removed in between: nothing left to do
  if (!chosen) throw atOtherPlace(actor, row, place);
  const step = STEP_OF[row.state] ?? null;
  authorizeScan(actor, row, step);
  if (!step) throw nothingToScan(row);

  const before = row.state;
  if (step === "pick") await pickItem(db, actor, row.id, {}, now);
  else await scanIn(db, actor, row.id, {}, now);
  const after = (await findRequest(db, actor.institutionId, row.id))!.state;
  const patron = await findUser(db, actor.institutionId, row.user_id);
  return {
    step,
    message: doneInWords(step, after, row.id, place),
    request: {
      request_id: String(row.id),
      title: row.title,
      barcode: row.item_barcode ?? input.barcode,
      item_description: row.item_description,
      library: row.library_code,
      place: { kind: place.kind, code: place.code, name: place.name },
      patron: {
        user_id: row.user_primary_id,
        name: patron ? `${patron.first_name} ${patron.last_name}`.trim() : row.user_primary_id,
      },
      state_before: before,
      state_after: after,
    },
  };
}

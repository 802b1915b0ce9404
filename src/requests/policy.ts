import { type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import type { Actor, Grant } from "../auth/actor.js";
import type { Database, RoleCode } from "../db/schema.js";
import { AppError } from "../errors.js";
import { can as canPermission } from "../auth/policy.js";

/*
 * Who may do what to a request (DOMAIN 2). A role acts on a request when its scope covers it:
 * institution covers all; library covers requests of that library; department covers requests
 * routed to it; desk covers requests handled at the desk (and, for a Fulfillment Services
 * Operator, requests of the desk's library, where they serve patrons).
 */

export type RequestAction =
  | "view"
  | "pick"
  | "scan_in"
  | "attach_file"
  | "approve_task"
  | "reject_task"
  | "reject"
  | "deliver"
  | "complete"
  | "cancel";

interface RequestScopeFacts {
  user_id: number;
  library_id: number;
  department_id: number | null;
  desk_id: number | null;
}

const staffRoles: Record<Exclude<RequestAction, "view">, RoleCode[]> = {
  pick: ["REQUESTS_OPERATOR"],
  scan_in: ["REQUESTS_OPERATOR", "WORK_ORDER_OPERATOR"],
  attach_file: ["WORK_ORDER_OPERATOR"],
  approve_task: ["FULFILLMENT_SERVICES_MANAGER"],
  reject_task: ["FULFILLMENT_SERVICES_MANAGER"],
  reject: ["FULFILLMENT_SERVICES_MANAGER"],
  deliver: ["WORK_ORDER_OPERATOR"],
  complete: ["WORK_ORDER_OPERATOR"],
  cancel: ["FULFILLMENT_SERVICES_OPERATOR", "WORK_ORDER_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"],
};

/** Roles whose holders see requests in their scope (the General System Administrator sees all). */
const viewingRoles: RoleCode[] = [
  "FULFILLMENT_SERVICES_MANAGER",
  "FULFILLMENT_SERVICES_OPERATOR",
  "REQUESTS_OPERATOR",
  "WORK_ORDER_OPERATOR",
];

function grantCovers(g: Grant, r: RequestScopeFacts): boolean {
  switch (g.scopeType) {
    case "institution":
      return true;
    case "library":
      return r.library_id === g.scopeId;
    case "department":
      return r.department_id === g.scopeId;
    case "desk":
      return (
        r.desk_id === g.scopeId || (g.role === "FULFILLMENT_SERVICES_OPERATOR" && r.library_id === g.deskLibraryId)
      );
  }
}

const actsAs = (actor: Actor, roles: RoleCode[], r: RequestScopeFacts): boolean =>
  actor.grants.some((g) => roles.includes(g.role) && grantCovers(g, r));

export function canSee(actor: Actor, r: RequestScopeFacts): boolean {
  return (
    r.user_id === actor.userId ||
    actor.grants.some((g) => g.role === "GENERAL_SYSTEM_ADMINISTRATOR") ||
    actsAs(actor, viewingRoles, r)
  );
}

/** Does the actor hold a role that does `action` on requests, in some scope (the staff app's screens)? */
export const doesAnywhere = (actor: Actor, action: Exclude<RequestAction, "view">): boolean =>
  actor.grants.some((g) => staffRoles[action].includes(g.role));

/** The roles whose holders see and work on requests in their scope: they get a place to work at. */
export const isRequestStaff = (role: RoleCode): boolean => viewingRoles.includes(role);

/** Policy only; whether the state allows the action is the state machine's question. */
export function can(actor: Actor, action: RequestAction, r: RequestScopeFacts): boolean {
  if (action === "view") return canSee(actor, r);
  if (action === "cancel" && r.user_id === actor.userId) return true;
  return actsAs(actor, staffRoles[action], r);
}

export function authorizeRequest(actor: Actor, action: RequestAction, r: RequestScopeFacts): void {
  // A caller who cannot even see the request is told it does not exist.
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  if (!can(actor, action, r)) {
    throw new AppError("FORBIDDEN", {
      message: `Your roles do not allow '${action}' on this request.`,
      say: (m) => m.refusals.rolesDoNotAllow,
    });
  }
}

/** The steps the scan station does with a barcode (DOMAIN 7: picked, then arrived and scanned in). */
export type ScanStep = "pick" | "scan_in";

const SCANNING_ROLES: readonly RoleCode[] = [...new Set([...staffRoles.pick, ...staffRoles.scan_in])];

/**
 * The scan station works for one place: the caller needs, at that place, a role that picks or
 * scans in (`rolesAtPlace`: their roles that cover it). Each scan still authorizes its request.
 */
export function authorizeScanningAt(rolesAtPlace: readonly RoleCode[], placeName: string): void {
  if (!rolesAtPlace.some((r) => SCANNING_ROLES.includes(r))) {
    throw new AppError("FORBIDDEN", {
      message: `Your roles at ${placeName} do not include picking or scanning in items; choose a place where you do.`,
    });
  }
}

const SCAN_STEP_NEEDS: Record<ScanStep, string> = {
  pick: "Picking an item from the shelf needs the Requests Operator role for the item’s library",
  scan_in:
    "Scanning an item in needs the Requests Operator role for the item’s library or the Work Order Operator role for the place that digitizes it",
};

/**
 * A scanned item's request at the caller's place. One they may not see is refused without a word
 * about it (the barcode is the catalogue's, the request is not); one they see, for a step their
 * roles do not do, names the role it needs. `step` null: the request waits for no scan.
 */
export function authorizeScan(actor: Actor, r: RequestScopeFacts & { id: number }, step: ScanStep | null): void {
  if (!canSee(actor, r)) {
    throw new AppError("FORBIDDEN", {
      message: "Your roles do not cover this item’s request, so you may not pick or scan it in here.",
    });
  }
  if (step && !can(actor, step, r)) {
    throw new AppError("FORBIDDEN", {
      message: `${SCAN_STEP_NEEDS[step]}; your roles do not cover request ${r.id}.`,
      details: { request_id: String(r.id), step },
    });
  }
}

/** Placing for another patron is the Fulfillment Services Operator's (DOMAIN 2), in the request's library. */
const PLACING_FOR_OTHERS_ROLE = "Fulfillment Services Operator";

/** Does the actor hold the role that places for other patrons, in some scope? */
export function mayPlaceForOthers(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === "FULFILLMENT_SERVICES_OPERATOR");
}

/**
 * Why a caller who may see the patron (`users.read`) may still not place for them: the role
 * they lack, named, so they know whom to ask. Callers who cannot see the patron get 404 instead.
 */
export function placingForOthersRefused(libraryCode?: string | null): AppError {
  return new AppError("FORBIDDEN", {
    message: libraryCode
      ? `Placing a request for another user needs the ${PLACING_FOR_OTHERS_ROLE} role for library ${libraryCode} (or for the institution, or a desk of that library); your roles do not cover it.`
      : `Placing a request for another user needs the ${PLACING_FOR_OTHERS_ROLE} role (for the item’s library, one of its desks, or the institution).`,
  });
}

/** May this actor place a request for items of `libraryId` on behalf of another patron? */
export function canPlaceFor(actor: Actor, libraryId: number): boolean {
  return actor.grants.some(
    (g) =>
      g.role === "FULFILLMENT_SERVICES_OPERATOR" &&
      (g.scopeType === "institution" ||
        (g.scopeType === "library" && g.scopeId === libraryId) ||
        (g.scopeType === "desk" && g.deskLibraryId === libraryId)),
  );
}

/** What a placement asks for, as far as authorization is concerned. */
export interface PlacementAsk {
  /** for the caller themself */
  forSelf: boolean;
  /** staff only: a place chosen instead of the resolved one */
  targetDestination: boolean;
  /** staff only: a course reserve */
  course: boolean;
}

/**
 * Before the request's library is known: who may place for whom, choose the place or mark a
 * course reserve (all the Fulfillment Services Operator's, in some scope). A caller who may not
 * see the patron learns nothing about whether they exist (404); one who may gets 403 naming the role.
 */
export function authorizePlacement(actor: Actor, ask: PlacementAsk): void {
  const mayActForOthers = mayPlaceForOthers(actor);
  if (!ask.forSelf && !mayActForOthers) {
    if (canPermission(actor, "users.read")) throw placingForOthersRefused();
    throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
  }
  if (ask.targetDestination && !mayActForOthers) {
    throw new AppError("FORBIDDEN", { message: "Only fulfillment staff may choose where a request is handled." });
  }
  // A course reserve is copied for a whole class, which rule 6 treats differently from a
  // patron's own copy: only those who may place for others may mark a request so.
  if (ask.course && !mayActForOthers) {
    throw new AppError("FORBIDDEN", { message: "Only fulfillment staff may place course-reserve requests." });
  }
}

/** The duplicate check looks at a patron's own requests: the patron, or who may place for them. */
export const mayCheckDuplicatesFor = (actor: Actor, userId: number): boolean =>
  userId === actor.userId || mayPlaceForOthers(actor);

/**
 * Once the library is known: a placement for someone else, or a course reserve, needs the
 * Fulfillment Services Operator's role for that library (institution, library, or one of its desks).
 * When false, the caller throws `placingForOthersRefused(<library code>)`.
 */
export const mayPlaceIn = (actor: Actor, ask: PlacementAsk, libraryId: number): boolean =>
  (ask.forSelf && !ask.course) || canPlaceFor(actor, libraryId);

/**
 * The same visibility as `canSee`, as one SQL condition over the `requests` table, so that list
 * endpoints filter in the database instead of loading and checking row by row.
 */
export function visibleRequestsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database, "requests">): Expression<SqlBool> => {
    if (actor.grants.some((g) => g.role === "GENERAL_SYSTEM_ADMINISTRATOR")) return eb.and([]); // every request (renders 1 = 1)
    const ors: Expression<SqlBool>[] = [eb("requests.user_id", "=", actor.userId)];
    const grants = actor.grants.filter((g) => viewingRoles.includes(g.role));
    if (grants.some((g) => g.scopeType === "institution")) return eb.and([]); // every request (renders 1 = 1)
    const ids = (type: Grant["scopeType"], pick: (g: Grant) => number | null) =>
      [...new Set(grants.filter((g) => g.scopeType === type).map(pick))].filter((x): x is number => x !== null);
    const libraries = [
      ...ids("library", (g) => g.scopeId),
      ...grants
        .filter((g) => g.scopeType === "desk" && g.role === "FULFILLMENT_SERVICES_OPERATOR")
        .map((g) => g.deskLibraryId)
        .filter((x): x is number => x !== null),
    ];
    const departments = ids("department", (g) => g.scopeId);
    const desks = ids("desk", (g) => g.scopeId);
    if (libraries.length) ors.push(eb("requests.library_id", "in", libraries));
    if (departments.length) ors.push(eb("requests.department_id", "in", departments));
    if (desks.length) ors.push(eb("requests.desk_id", "in", desks));
    return eb.or(ors);
  };
}

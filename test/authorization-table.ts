import type { RoleCode, ScopeType } from "../src/db/schema.js";

/*
 * DOMAIN 2's roles table as data, the actors of the authorization matrix (one role in one scope,
 * in or out of the target request's scope) and what each route needs: the expected answers of
 * authorization-matrix.test.ts, derived from the table and never from the code under test.
 */

// ---- DOMAIN 2, the roles table, as data -------------------------------------------------------

export type Role = RoleCode;
export const ALL_STAFF: Role[] = [
  "GENERAL_SYSTEM_ADMINISTRATOR",
  "FULFILLMENT_ADMINISTRATOR",
  "LETTER_ADMINISTRATOR",
  "FULFILLMENT_SERVICES_MANAGER",
  "FULFILLMENT_SERVICES_OPERATOR",
  "REQUESTS_OPERATOR",
  "WORK_ORDER_OPERATOR",
];
/** Who works on requests: sees those in scope (the administrator sees all). */
export const REQUEST_STAFF: Role[] = [
  "FULFILLMENT_SERVICES_MANAGER",
  "FULFILLMENT_SERVICES_OPERATOR",
  "REQUESTS_OPERATOR",
  "WORK_ORDER_OPERATOR",
];

/** Institution-wide permissions: which roles (institution scope unless `anyScope`). */
export const ROLE_TABLE = {
  /** "all configuration, and role assignment" */
  organisation: { roles: ["GENERAL_SYSTEM_ADMINISTRATOR"] },
  people: { roles: ["GENERAL_SYSTEM_ADMINISTRATOR"] },
  catalogue: { roles: ["GENERAL_SYSTEM_ADMINISTRATOR"] },
  /** Fulfillment Administrator: departments, desks, terms of use, fulfillment units and rules, limits, ... */
  fulfillment: { roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_ADMINISTRATOR"] },
  /** Letter Administrator: letters: edit, enable/disable, preview, test-send */
  letters: { roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "LETTER_ADMINISTRATOR"] },
  /** the letters sent and waiting: those who answer for letters or for fulfillment */
  mail: { roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "LETTER_ADMINISTRATOR", "FULFILLMENT_ADMINISTRATOR"] },
  /** configuration is readable by all staff */
  configRead: { roles: ALL_STAFF, anyScope: true },
  /** the desk finds the patron it serves (operator), the manager the patrons of their requests */
  usersRead: {
    roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_SERVICES_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"],
    anyScope: true,
  },
  /** blocks at the counter: desk staff in any scope, and the administrator */
  blocks: {
    roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_SERVICES_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"],
    anyScope: true,
  },
  /** the printout queue: fulfillment staff */
  printouts: { roles: ALL_STAFF.filter((r) => r !== "LETTER_ADMINISTRATOR"), anyScope: true },
  /** what another patron is offered and why (explain): who configures those rules or serves patrons */
  offersOthers: {
    roles: [
      "GENERAL_SYSTEM_ADMINISTRATOR",
      "FULFILLMENT_ADMINISTRATOR",
      "FULFILLMENT_SERVICES_MANAGER",
      "FULFILLMENT_SERVICES_OPERATOR",
    ],
    anyScope: true,
  },
} satisfies Record<string, { roles: Role[]; anyScope?: boolean }>;
export type Permission = keyof typeof ROLE_TABLE;

/** Request actions: the roles that act on a request in their scope (the patron: view and cancel their own). */
export const REQUEST_ACTIONS = {
  view: REQUEST_STAFF,
  pick: ["REQUESTS_OPERATOR"],
  scan_in: ["REQUESTS_OPERATOR", "WORK_ORDER_OPERATOR"],
  attach_file: ["WORK_ORDER_OPERATOR"],
  deliver: ["WORK_ORDER_OPERATOR"],
  complete: ["WORK_ORDER_OPERATOR"],
  approve: ["FULFILLMENT_SERVICES_MANAGER"],
  reject: ["FULFILLMENT_SERVICES_MANAGER"],
  cancel: ["FULFILLMENT_SERVICES_OPERATOR", "WORK_ORDER_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"],
} satisfies Record<string, Role[]>;
export type RequestAction = keyof typeof REQUEST_ACTIONS;

// ---- the actors: one role in one scope, in or out of the target request's scope ----------------

export interface Profile {
  name: string;
  role: Role | null;
  scope: ScopeType;
  /** does the grant's scope cover the target request (library MAIN, department DIGI_DEPT_INST)? */
  covers: boolean;
  /** the target request's patron */
  owner?: boolean;
}

export const PROFILES: Profile[] = [
  { name: "patron (owner)", role: null, scope: "institution", covers: false, owner: true },
  { name: "another patron", role: null, scope: "institution", covers: false },
  { name: "GSA institution", role: "GENERAL_SYSTEM_ADMINISTRATOR", scope: "institution", covers: true },
  { name: "FA institution", role: "FULFILLMENT_ADMINISTRATOR", scope: "institution", covers: true },
  { name: "LA institution", role: "LETTER_ADMINISTRATOR", scope: "institution", covers: true },
  { name: "FSM institution", role: "FULFILLMENT_SERVICES_MANAGER", scope: "institution", covers: true },
  { name: "FSM library in", role: "FULFILLMENT_SERVICES_MANAGER", scope: "library", covers: true },
  { name: "FSM library out", role: "FULFILLMENT_SERVICES_MANAGER", scope: "library", covers: false },
  { name: "FSO library in", role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", covers: true },
  { name: "FSO library out", role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", covers: false },
  { name: "FSO desk in", role: "FULFILLMENT_SERVICES_OPERATOR", scope: "desk", covers: true },
  { name: "RO library in", role: "REQUESTS_OPERATOR", scope: "library", covers: true },
  { name: "RO library out", role: "REQUESTS_OPERATOR", scope: "library", covers: false },
  { name: "WOO department in", role: "WORK_ORDER_OPERATOR", scope: "department", covers: true },
  { name: "WOO desk out", role: "WORK_ORDER_OPERATOR", scope: "desk", covers: false },
];

export type Outcome = "allow" | "403" | "404";

export const holds = (p: Profile, perm: Permission): boolean => {
  const rule: { roles: Role[]; anyScope?: boolean } = ROLE_TABLE[perm];
  return p.role !== null && rule.roles.includes(p.role) && (rule.anyScope === true || p.scope === "institution");
};
export const seesRequest = (p: Profile): boolean =>
  p.owner === true ||
  p.role === "GENERAL_SYSTEM_ADMINISTRATOR" ||
  (p.role !== null && p.covers && REQUEST_STAFF.includes(p.role));

/** What a route needs, as the expected outcome for a profile. */
export type Need = (p: Profile) => Outcome;
export const anyone: Need = () => "allow";
export const permission =
  (perm: Permission): Need =>
  (p) =>
    holds(p, perm) ? "allow" : "403";
export const requestAction =
  (action: RequestAction): Need =>
  (p) => {
    if (!seesRequest(p)) return "404";
    if (action === "view" || (action === "cancel" && p.owner)) return "allow";
    return p.role !== null && p.covers && (REQUEST_ACTIONS[action] as Role[]).includes(p.role) ? "allow" : "403";
  };
/** Another user's record: unseen (404) without users.read, then the permission. */
export const otherUser =
  (perm: Permission | null): Need =>
  (p) =>
    !holds(p, "usersRead") ? "404" : perm === null || holds(p, perm) ? "allow" : "403";
/** Placing for another patron (DOMAIN 2: the Fulfillment Services Operator, in the item's library). */
export const placeForOther: Need = (p) =>
  p.role === "FULFILLMENT_SERVICES_OPERATOR" && p.covers ? "allow" : holds(p, "usersRead") ? "403" : "404";
/** A printout: the queue's users, for requests they see (administrators see all). */
export const printout: Need = (p) => {
  if (!holds(p, "printouts")) return "403";
  const all = p.role === "GENERAL_SYSTEM_ADMINISTRATOR" || p.role === "FULFILLMENT_ADMINISTRATOR";
  return all || seesRequest(p) ? "allow" : "404";
};
/** The patron's own requests through /almaws (the path names the patron). */
export const almawsUser =
  (action: RequestAction | null): Need =>
  (p) => {
    if (!p.owner && !holds(p, "usersRead")) return "404";
    return action === null ? "allow" : requestAction(action)(p);
  };
/**
 * The scan station at the target request's department: a role that picks or scans in covering the
 * place, then a request the caller sees (the target waits for approval: allowed callers get 409).
 */
export const scanAtPlace: Need = (p) =>
  (p.role === "REQUESTS_OPERATOR" || p.role === "WORK_ORDER_OPERATOR") && p.covers ? "allow" : "403";
export const offersFor: Need = (p) => (holds(p, "offersOthers") ? "allow" : "404");

/** Every route the app lists (public ones aside) and what it needs. */
export const ROUTES: Record<string, Need> = {
  // requests (the target request is the owner's, library MAIN, department DIGI_DEPT_INST)
  "GET /api/v1/requests": anyone,
  // the work queues' counts: of the requests the caller sees (a patron's own)
  "GET /api/v1/requests/queues": anyone,
  "POST /api/v1/requests": placeForOther,
  "GET /api/v1/requests/:id": requestAction("view"),
  "GET /api/v1/requests/:id/history": requestAction("view"),
  "GET /api/v1/requests/:id/timeline": requestAction("view"),
  // the patron's own downloads: nobody else learns they exist
  "GET /api/v1/requests/:id/downloads": (p) => (p.owner ? "allow" : "404"),
  // the target request has no delivered file, so even its patron gets 404 here; who may download a
  // delivered file is checked in src/delivery/patron-downloads.test.ts
  "GET /api/v1/requests/:id/downloads/:download_id/file": () => "404",
  "GET /api/v1/openurl/resolve": anyone,
  "GET /api/v1/request-form": anyone,
  "GET /api/v1/request-form/config": permission("fulfillment"),
  "PUT /api/v1/request-form/config": permission("fulfillment"),
  "GET /api/v1/request-form/versions": permission("configRead"),
  // the caller's own requests (the body names no other patron)
  "POST /api/v1/requests/duplicate-check": anyone,
  "GET /api/v1/requests/:id/explain": requestAction("view"),
  "GET /api/v1/requests/:id/letters": requestAction("view"),
  "GET /api/v1/requests/:id/patron": requestAction("view"),
  // the scan station at the target's department: who picks or scans in there, and sees the request
  "POST /api/v1/scan": scanAtPlace,
  "POST /api/v1/requests/:id/pick": requestAction("pick"),
  "POST /api/v1/requests/:id/scan-in": requestAction("scan_in"),
  "POST /api/v1/requests/:id/files": requestAction("attach_file"),
  "POST /api/v1/requests/:id/deliver": requestAction("deliver"),
  "POST /api/v1/requests/:id/complete": requestAction("complete"),
  "POST /api/v1/requests/:id/links/reissue": requestAction("deliver"),
  "POST /api/v1/requests/:id/reject": requestAction("reject"),
  "POST /api/v1/requests/:id/tasks/:task_id/approve": requestAction("approve"),
  "POST /api/v1/requests/:id/tasks/:task_id/reject": requestAction("reject"),
  "POST /api/v1/requests/:id/cancel": requestAction("cancel"),
  // the compatibility API
  "GET /almaws/v1/users/:user_id/requests": almawsUser(null),
  "GET /almaws/v1/users/:user_id/requests/:request_id": almawsUser("view"),
  "POST /almaws/v1/users/:user_id/requests": placeForOther,
  "DELETE /almaws/v1/users/:user_id/requests/:request_id": almawsUser("cancel"),
  "GET /almaws/v1/bibs/:mms_id/request-options": offersFor,
  // services offered and explain (asked about another patron)
  "GET /api/v1/bibs/:mms_id/request-options": offersFor,
  "GET /api/v1/explain": offersFor,
  // catalogue
  "GET /api/v1/bibs": anyone,
  "GET /api/v1/bibs/:mms_id": anyone,
  "GET /api/v1/bibs/:mms_id/holdings": anyone,
  "GET /api/v1/items": anyone,
  "GET /api/v1/items/:id": anyone,
  "POST /api/v1/bibs": permission("catalogue"),
  "PATCH /api/v1/bibs/:mms_id": permission("catalogue"),
  "POST /api/v1/bibs/:mms_id/holdings": permission("catalogue"),
  "POST /api/v1/bibs/:mms_id/holdings/:holding_id/items": permission("catalogue"),
  "PATCH /api/v1/items/:id": permission("catalogue"),
  "GET /api/v1/catalogue/imports": permission("catalogue"),
  "GET /api/v1/catalogue/imports/:id": permission("catalogue"),
  "POST /api/v1/catalogue/imports": permission("catalogue"),
  // organisation: where things are is open to every signed-in user (the patron pages name libraries)
  "GET /api/v1/institution": anyone,
  "PATCH /api/v1/institution": permission("organisation"),
  "GET /api/v1/libraries": anyone,
  "GET /api/v1/libraries/:id": anyone,
  "GET /api/v1/libraries/:id/desks": anyone,
  "GET /api/v1/libraries/:id/locations": anyone,
  "GET /api/v1/locations/:id": anyone,
  "POST /api/v1/libraries": permission("organisation"),
  "PATCH /api/v1/libraries/:id": permission("organisation"),
  "DELETE /api/v1/libraries/:id": permission("organisation"),
  "POST /api/v1/libraries/:id/locations": permission("organisation"),
  "PATCH /api/v1/locations/:id": permission("organisation"),
  "DELETE /api/v1/locations/:id": permission("organisation"),
  "POST /api/v1/libraries/:id/desks": permission("fulfillment"),
  "GET /api/v1/desks/:id": anyone,
  "PATCH /api/v1/desks/:id": permission("fulfillment"),
  "DELETE /api/v1/desks/:id": permission("fulfillment"),
  "GET /api/v1/departments": permission("configRead"),
  "GET /api/v1/departments/:id": permission("configRead"),
  "POST /api/v1/departments": permission("fulfillment"),
  "PATCH /api/v1/departments/:id": permission("fulfillment"),
  "DELETE /api/v1/departments/:id": permission("fulfillment"),
  "GET /api/v1/departments/:id/operators": permission("configRead"),
  "POST /api/v1/departments/:id/operators": permission("fulfillment"),
  "DELETE /api/v1/departments/:id/operators/:user_id": permission("fulfillment"),
  "GET /api/v1/printers": permission("configRead"),
  "GET /api/v1/printers/:id": permission("configRead"),
  "POST /api/v1/printers": permission("organisation"),
  "PATCH /api/v1/printers/:id": permission("organisation"),
  "DELETE /api/v1/printers/:id": permission("organisation"),
  // people (the users/:id routes target another user, not the caller)
  "GET /api/v1/users/me": anyone,
  "GET /api/v1/auth/me": anyone,
  "GET /api/v1/staff/workspace": anyone,
  "GET /api/v1/readiness": permission("configRead"),
  // planning sets up every area at once (organisation, fulfillment, people, letters): "all configuration"
  "POST /api/v1/setup/plan": permission("organisation"),
  "GET /api/v1/users": permission("usersRead"),
  "POST /api/v1/users": permission("people"),
  "POST /api/v1/users/imports": permission("people"),
  "GET /api/v1/users/:id": otherUser(null),
  "PATCH /api/v1/users/:id": otherUser("people"),
  "DELETE /api/v1/users/:id": otherUser("people"),
  "GET /api/v1/users/:id/api-keys": otherUser("people"),
  "POST /api/v1/users/:id/api-keys": otherUser("people"),
  "DELETE /api/v1/users/:id/api-keys/:key_id": otherUser("people"),
  "GET /api/v1/users/:id/blocks": otherUser("blocks"),
  "POST /api/v1/users/:id/blocks": otherUser("blocks"),
  "DELETE /api/v1/users/:id/blocks/:block_id": otherUser("blocks"),
  "GET /api/v1/users/:id/roles": otherUser("configRead"),
  "POST /api/v1/users/:id/roles": otherUser("people"),
  "DELETE /api/v1/users/:id/roles/:assignment_id": otherUser("people"),
  "GET /api/v1/roles": permission("configRead"),
  "GET /api/v1/role-assignments": permission("people"),
  "GET /api/v1/user-groups": permission("configRead"),
  "GET /api/v1/user-groups/:id": permission("configRead"),
  "POST /api/v1/user-groups": permission("people"),
  // sign-on: identity providers decide who gets an account in which group, so user management
  "GET /api/v1/identity-providers": permission("people"),
  "POST /api/v1/identity-providers": permission("people"),
  "GET /api/v1/identity-providers/:id": permission("people"),
  "PUT /api/v1/identity-providers/:id": permission("people"),
  "DELETE /api/v1/identity-providers/:id": permission("people"),
  "GET /api/v1/identity-providers/:id/sp-keys": permission("people"),
  "POST /api/v1/identity-providers/:id/sp-keys": permission("people"),
  "POST /api/v1/identity-providers/:id/sp-keys/:key_id/activate": permission("people"),
  "POST /api/v1/identity-providers/:id/sp-keys/:key_id/retire": permission("people"),
  "PATCH /api/v1/user-groups/:id": permission("people"),
  "DELETE /api/v1/user-groups/:id": permission("people"),
  // rules and service terms
  "GET /api/v1/rule-tables/:table": permission("configRead"),
  "GET /api/v1/rule-tables/:table/rules/:id": permission("configRead"),
  "GET /api/v1/rule-tables/:table/versions": permission("configRead"),
  "POST /api/v1/rule-tables/:table/rules": permission("fulfillment"),
  "PATCH /api/v1/rule-tables/:table/rules/:id": permission("fulfillment"),
  "DELETE /api/v1/rule-tables/:table/rules/:id": permission("fulfillment"),
  "PUT /api/v1/rule-tables/:table/default": permission("fulfillment"),
  "PUT /api/v1/rule-tables/:table/order": permission("fulfillment"),
  "GET /api/v1/terms-of-use": permission("configRead"),
  "GET /api/v1/terms-of-use/:id": permission("configRead"),
  "GET /api/v1/terms-of-use/:id/versions": permission("configRead"),
  "GET /api/v1/terms-of-use/versions": permission("configRead"),
  "POST /api/v1/terms-of-use": permission("fulfillment"),
  "PATCH /api/v1/terms-of-use/:id": permission("fulfillment"),
  "DELETE /api/v1/terms-of-use/:id": permission("fulfillment"),
  "GET /api/v1/fulfillment-units": permission("configRead"),
  "GET /api/v1/fulfillment-units/:id": permission("configRead"),
  "GET /api/v1/fulfillment-units/:id/versions": permission("configRead"),
  "GET /api/v1/fulfillment-units/versions": permission("configRead"),
  "POST /api/v1/fulfillment-units": permission("fulfillment"),
  "PATCH /api/v1/fulfillment-units/:id": permission("fulfillment"),
  "DELETE /api/v1/fulfillment-units/:id": permission("fulfillment"),
  "GET /api/v1/approval-reasons": permission("configRead"),
  "GET /api/v1/approval-reasons/:id": permission("configRead"),
  "GET /api/v1/approval-reasons/:id/versions": permission("configRead"),
  "GET /api/v1/approval-reasons/versions": permission("configRead"),
  "POST /api/v1/approval-reasons": permission("fulfillment"),
  "PATCH /api/v1/approval-reasons/:id": permission("fulfillment"),
  "DELETE /api/v1/approval-reasons/:id": permission("fulfillment"),
  "PUT /api/v1/approval-reasons/order": permission("fulfillment"),
  // letters, mail, outbox
  "GET /api/v1/letters": permission("letters"),
  "GET /api/v1/letters/:code": permission("letters"),
  "PATCH /api/v1/letters/:code": permission("letters"),
  "POST /api/v1/letters/:code/preview": permission("letters"),
  "POST /api/v1/letters/:code/test": permission("letters"),
  "PUT /api/v1/letters/:code/templates/:language": permission("letters"),
  "DELETE /api/v1/letters/:code/templates/:language": permission("letters"),
  "GET /api/v1/mail/eml": permission("mail"),
  "GET /api/v1/mail/eml/:id": permission("mail"),
  "GET /api/v1/outbox": permission("mail"),
  "POST /api/v1/outbox/:id/retry": permission("mail"),
  // printouts
  "GET /api/v1/printouts": permission("printouts"),
  "GET /api/v1/printouts/:id/pdf": printout,
  "POST /api/v1/printouts/:id/print": printout,
  "POST /api/v1/printouts/:id/reprint": printout,
  "POST /api/v1/printouts/:id/dismiss": printout,
  // slips for chosen requests: the queue's users, for requests they see
  "POST /api/v1/printouts/slips": printout,
};

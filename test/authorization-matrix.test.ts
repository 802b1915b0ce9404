import { beforeAll, describe, expect, it } from "vitest";
import type { RoleCode, ScopeType } from "../src/db/schema.js";
import { ensurePrintout } from "../src/printing/printouts-repository.js";
import { insertProvider } from "../src/sign-on/providers-repository.js";
import { useTestApp } from "./harness.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  setDefaultWorkflow,
  type InstitutionFixture,
  type UserFixture,
} from "./factories.js";

/*
 * Role × scope × action, over every route the app lists (DOMAIN 2). The roles table of DOMAIN 2
 * is written below as data (ROLE_TABLE); each route names the action it needs (ROUTES), and
 * each actor holds one role in one scope, inside or outside the target request's scope. The
 * expected answer is derived from the table, never from the code under test: allowed means no
 * 401/403 (and no 404 where the refusal would be 404); refused means 403, or 404 where DOMAIN 2
 * says a refusal must not reveal that the record exists. A route missing from ROUTES fails.
 *
 * Writes carry bodies generated from the route's own OpenAPI schema, so validation passes and
 * authorization is what answers. Per route, refused callers go first, then allowed ones, so a
 * write that succeeds (a deletion, a state change) never hides a refusal. Deletions come last.
 */

// ---- DOMAIN 2, the roles table, as data -------------------------------------------------------

type Role = RoleCode;
const ALL_STAFF: Role[] = [
  "GENERAL_SYSTEM_ADMINISTRATOR",
  "FULFILLMENT_ADMINISTRATOR",
  "LETTER_ADMINISTRATOR",
  "FULFILLMENT_SERVICES_MANAGER",
  "FULFILLMENT_SERVICES_OPERATOR",
  "REQUESTS_OPERATOR",
  "WORK_ORDER_OPERATOR",
];
/** Who works on requests: sees those in scope (the administrator sees all). */
const REQUEST_STAFF: Role[] = [
  "FULFILLMENT_SERVICES_MANAGER",
  "FULFILLMENT_SERVICES_OPERATOR",
  "REQUESTS_OPERATOR",
  "WORK_ORDER_OPERATOR",
];

/** Institution-wide permissions: which roles (institution scope unless `anyScope`). */
const ROLE_TABLE = {
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
type Permission = keyof typeof ROLE_TABLE;

/** Request actions: the roles that act on a request in their scope (the patron: view and cancel their own). */
const REQUEST_ACTIONS = {
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
type RequestAction = keyof typeof REQUEST_ACTIONS;

// ---- the actors: one role in one scope, in or out of the target request's scope ----------------

interface Profile {
  name: string;
  role: Role | null;
  scope: ScopeType;
  /** does the grant's scope cover the target request (library MAIN, department DIGI_DEPT_INST)? */
  covers: boolean;
  /** the target request's patron */
  owner?: boolean;
}

const PROFILES: Profile[] = [
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

type Outcome = "allow" | "403" | "404";

const holds = (p: Profile, perm: Permission): boolean => {
  const rule: { roles: Role[]; anyScope?: boolean } = ROLE_TABLE[perm];
  return p.role !== null && rule.roles.includes(p.role) && (rule.anyScope === true || p.scope === "institution");
};
const seesRequest = (p: Profile): boolean =>
  p.owner === true ||
  p.role === "GENERAL_SYSTEM_ADMINISTRATOR" ||
  (p.role !== null && p.covers && REQUEST_STAFF.includes(p.role));

/** What a route needs, as the expected outcome for a profile. */
type Need = (p: Profile) => Outcome;
const anyone: Need = () => "allow";
const permission =
  (perm: Permission): Need =>
  (p) =>
    holds(p, perm) ? "allow" : "403";
const requestAction =
  (action: RequestAction): Need =>
  (p) => {
    if (!seesRequest(p)) return "404";
    if (action === "view" || (action === "cancel" && p.owner)) return "allow";
    return p.role !== null && p.covers && (REQUEST_ACTIONS[action] as Role[]).includes(p.role) ? "allow" : "403";
  };
/** Another user's record: unseen (404) without users.read, then the permission. */
const otherUser =
  (perm: Permission | null): Need =>
  (p) =>
    !holds(p, "usersRead") ? "404" : perm === null || holds(p, perm) ? "allow" : "403";
/** Placing for another patron (DOMAIN 2: the Fulfillment Services Operator, in the item's library). */
const placeForOther: Need = (p) =>
  p.role === "FULFILLMENT_SERVICES_OPERATOR" && p.covers ? "allow" : holds(p, "usersRead") ? "403" : "404";
/** A printout: the queue's users, for requests they see (administrators see all). */
const printout: Need = (p) => {
  if (!holds(p, "printouts")) return "403";
  const all = p.role === "GENERAL_SYSTEM_ADMINISTRATOR" || p.role === "FULFILLMENT_ADMINISTRATOR";
  return all || seesRequest(p) ? "allow" : "404";
};
/** The patron's own requests through /almaws (the path names the patron). */
const almawsUser =
  (action: RequestAction | null): Need =>
  (p) => {
    if (!p.owner && !holds(p, "usersRead")) return "404";
    return action === null ? "allow" : requestAction(action)(p);
  };
/**
 * The scan station at the target request's department: a role that picks or scans in covering the
 * place, then a request the caller sees (the target waits for approval: allowed callers get 409).
 */
const scanAtPlace: Need = (p) =>
  (p.role === "REQUESTS_OPERATOR" || p.role === "WORK_ORDER_OPERATOR") && p.covers ? "allow" : "403";
const offersFor: Need = (p) => (holds(p, "offersOthers") ? "allow" : "404");

/** Every route the app lists (public ones aside) and what it needs. */
const ROUTES: Record<string, Need> = {
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

// ---- bodies from the route's OpenAPI schema ---------------------------------------------------

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

/** A minimal value the schema accepts (every required field, smallest sizes). */
function sample(s: JsonSchema | undefined, key = ""): unknown {
  if (!s) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => sample(x, key) as object));
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== "null") ?? alt[0], key);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k], k);
      return out;
    }
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, key));
    case "integer":
    case "number":
      return Math.max(s.minimum ?? 1, 1);
    case "boolean":
      return false;
    case "string": {
      if (s.format === "date") return "2026-03-02";
      if (s.format === "date-time") return "2026-03-02T09:00:00.000Z";
      if (s.format === "email") return "someone@example.edu";
      const base = `X${key.toUpperCase().replace(/[^A-Z]/g, "")}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      return base.padEnd(s.minLength ?? 1, "X");
    }
    default:
      return null;
  }
}

// ---- the fixtures, once ------------------------------------------------------------------------

const t = useTestApp();

interface Fixtures {
  inst: InstitutionFixture;
  actors: Map<string, UserFixture>;
  owner: UserFixture;
  victim: UserFixture;
  mmsId: number;
  holdingId: number;
  itemId: number;
  /** the barcode of the target request's item */
  targetBarcode: string;
  requestId: number;
  taskId: number;
  outboxId: number;
  printoutId: number;
  params: Partial<Record<string, number>>;
}
let fx: Fixtures;
let openapi: {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
};

async function firstId(table: "approval_reasons") {
  const row = await t.ctx.db
    .selectFrom(table)
    .select("id")
    .where("institution_id", "=", fx.inst.id)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  const ctx = t.ctx;
  const inst = await makeInstitution(ctx);
  const scopeId = (p: Profile): number | null => {
    switch (p.scope) {
      case "institution":
        return null;
      case "library":
        return p.covers ? inst.libraries.main : inst.libraries.law;
      case "desk":
        return inst.desks.mainDesk;
      case "department":
        return inst.departments.inst;
    }
  };
  const actors = new Map<string, UserFixture>();
  for (const p of PROFILES) {
    actors.set(
      p.name,
      await makeUser(ctx, inst, {
        group: p.role ? "STAFF" : "UNDERGRAD",
        roles: p.role ? [{ role: p.role, scope: p.scope, scopeId: scopeId(p) }] : [],
      }),
    );
  }
  const owner = actors.get("patron (owner)")!;
  const gsa = actors.get("GSA institution")!;
  const victim = await makeUser(ctx, inst, { group: "GRAD" });
  const title = await makeTitle(ctx, inst, { items: 2 });
  // the target request, placed by the owner; it waits for a manager's approval (a pending task)
  await setDefaultWorkflow(ctx, inst, { approval_required: true, approval_mode: "parallel" });
  const placed = await t.app.inject({
    method: "POST",
    url: "/api/v1/requests",
    headers: { authorization: `Bearer ${owner.apiKey}` },
    payload: { mms_id: title.mmsId, item_id: title.itemIds[0], partial_digitization: false },
  });
  expect(placed.statusCode, placed.body).toBe(201);
  const body = placed.json() as { request_id: string; tasks: { task_id: string }[] };
  const requestId = Number(body.request_id);
  const task = { id: Number(body.tasks[0]!.task_id) };
  const outbox = await ctx.db
    .selectFrom("outbox")
    .select("id")
    .where("request_id", "=", requestId)
    .executeTakeFirstOrThrow();
  const printout = await ensurePrintout(ctx.db, {
    institution_id: inst.id,
    outbox_id: outbox.id,
    request_id: requestId,
    printer_id: null,
    document: "resource_request_slip",
    created_at: ctx.clock.now().toISOString(),
  });
  const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
  openapi = res.json() as typeof openapi;
  fx = {
    inst,
    actors,
    owner,
    victim,
    mmsId: title.mmsId,
    holdingId: title.holdingId!,
    itemId: title.itemIds[1]!,
    targetBarcode: title.barcodes[0]!,
    requestId,
    taskId: task.id,
    outboxId: outbox.id,
    printoutId: printout.id,
    params: {},
  };
  fx.params = { approvalReason: await firstId("approval_reasons") };
  // spare records for the routes that change or delete them, so the actors' scopes stay intact
  const create = async (url: string, extra: Record<string, unknown> = {}) => {
    const path = url.replace(/\/\d+\//, "/{id}/");
    const schema = openapi.paths[path]?.post?.requestBody?.content?.["application/json"]?.schema;
    const res = await t.app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${gsa.apiKey}` },
      payload: { ...(sample(schema) as object), ...extra },
    });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
    created = res.json() as { id: number | string; code?: string };
    return Number(created.id);
  };
  let created: { id: number | string; code?: string } = { id: 0 };
  fx.params.library = await create("/api/v1/libraries");
  fx.params.location = await create(`/api/v1/libraries/${fx.params.library}/locations`);
  fx.params.desk = await create(`/api/v1/libraries/${fx.params.library}/desks`);
  fx.params.department = await create("/api/v1/departments", { served_libraries: { all: true } });
  fx.params.printer = await create("/api/v1/printers");
  fx.params.termsOfUse = await create("/api/v1/terms-of-use");
  fx.params.fulfillmentUnit = await create("/api/v1/fulfillment-units", { default_terms_of_use: created.code });
  // a predefined rule of the digitization table
  fx.params.rule = (
    await ctx.db
      .selectFrom("rules")
      .innerJoin("rule_tables", "rule_tables.id", "rules.rule_table_id")
      .select("rules.id")
      .where("rule_tables.institution_id", "=", inst.id)
      .where("rule_tables.kind", "=", "digitization")
      .orderBy("rules.id")
      .executeTakeFirstOrThrow()
  ).id;
  fx.params.group = await create("/api/v1/user-groups");
  fx.params.identityProvider = await insertProvider(
    ctx.db,
    inst.id,
    { ...(PROVIDER_BODY as Parameters<typeof insertProvider>[2]), code: "MATRIX_IDP" },
    ctx.clock.now().toISOString(),
  );
});

/** A valid OpenID Connect provider, as an administrator sends it. */
const PROVIDER_BODY = {
  code: "CAMPUS",
  label: "Campus account",
  protocol: "oidc",
  enabled: true,
  sort_order: 0,
  create_accounts: true,
  settings: { issuer: "https://idp.campus.example", client_id: "recto", client_secret: "s3cret", scopes: ["openid"] },
  mapping: {
    primary_id: "uid",
    user_group: {
      attribute: "affiliation",
      rules: [{ value: "student", user_group_code: "UNDERGRAD" }],
      default_user_group_code: null,
    },
  },
};

/** The concrete URL of a route for the fixtures. */
function urlOf(route: string): string {
  const [method, path] = route.split(" ") as [string, string];
  const byPrefix = (name: string): string | number => {
    if (path.startsWith("/almaws/v1/users")) {
      // placing names another patron; the owner's requests otherwise
      if (name === "user_id") return method === "POST" ? fx.victim.primaryId : fx.owner.primaryId;
      return fx.requestId;
    }
    if (path.startsWith("/almaws/v1/bibs") || name === "mms_id") return fx.mmsId;
    if (name === "task_id") return fx.taskId;
    if (name === "holding_id") return fx.holdingId;
    if (name === "language") return "fr";
    if (name === "table") return "digitization";
    if (name === "code") return "request_received";
    if (path.startsWith("/api/v1/requests")) return fx.requestId;
    if (path.startsWith("/api/v1/users/:id/")) return name === "id" ? fx.victim.id : 999_999;
    if (path.startsWith("/api/v1/users")) return fx.victim.id;
    if (path.startsWith("/api/v1/items")) return fx.itemId;
    if (path.startsWith("/api/v1/libraries")) return fx.params.library!;
    if (path.startsWith("/api/v1/locations")) return fx.params.location!;
    if (path.startsWith("/api/v1/desks")) return fx.params.desk!;
    if (path.startsWith("/api/v1/departments")) return name === "id" ? fx.params.department! : fx.victim.id;
    if (path.startsWith("/api/v1/user-groups")) return fx.params.group!;
    if (path.startsWith("/api/v1/identity-providers")) return fx.params.identityProvider!;
    if (path.startsWith("/api/v1/printers")) return fx.params.printer!;
    if (path.startsWith("/api/v1/terms-of-use")) return fx.params.termsOfUse!;
    if (path.startsWith("/api/v1/fulfillment-units")) return fx.params.fulfillmentUnit!;
    if (path.startsWith("/api/v1/rule-tables")) return fx.params.rule!;
    if (path.startsWith("/api/v1/outbox")) return fx.outboxId;
    if (path.startsWith("/api/v1/printouts")) return fx.printoutId;
    if (path.startsWith("/api/v1/approval-reasons")) return fx.params.approvalReason!;
    return 999_999;
  };
  const query: Record<string, string> = {
    "GET /api/v1/explain": `?mms_id=${fx.mmsId}&user_id=${fx.victim.primaryId}`,
    "GET /api/v1/bibs/:mms_id/request-options": `?user_id=${fx.victim.primaryId}`,
    "GET /almaws/v1/bibs/:mms_id/request-options": `?user_id=${fx.victim.primaryId}`,
    "POST /almaws/v1/users/:user_id/requests": `?mms_id=${fx.mmsId}`,
  };
  return path.replace(/:([a-z_]+)/g, (_, name: string) => String(byPrefix(name))) + (query[route] ?? "");
}

function bodyOf(route: string): unknown {
  const [method, path] = route.split(" ") as [string, string];
  if (method === "GET" || method === "DELETE") return undefined;
  const specials: Record<string, unknown> = {
    "POST /api/v1/requests": {
      mms_id: fx.mmsId,
      item_id: fx.itemId,
      user_id: fx.victim.primaryId,
      partial_digitization: false,
    },
    "POST /almaws/v1/users/:user_id/requests": { request_type: "DIGITIZATION", partial_digitization: false },
    "POST /api/v1/scan": { barcode: fx.targetBarcode, place: { kind: "department", code: "DIGI_DEPT_INST" } },
    "POST /api/v1/printouts/slips": { request_ids: [String(fx.requestId)] },
    // the victim becomes an operator, never one of the actors
    "POST /api/v1/departments/:id/operators": { user_id: fx.victim.id },
    // not only the limit: people.manage (a change of the limit alone is fulfillment configuration)
    "PATCH /api/v1/user-groups/:id": { name: "Renamed group" },
    "POST /api/v1/identity-providers": PROVIDER_BODY,
    "PUT /api/v1/identity-providers/:id": { ...PROVIDER_BODY, code: "MATRIX_IDP" },
  };
  if (route in specials) return specials[route];
  const op = openapi.paths[path.replace(/:([a-z_]+)/g, "{$1}")]?.[method.toLowerCase()];
  const schema = op?.requestBody?.content?.["application/json"]?.schema;
  return schema ? sample(schema) : undefined;
}

/** Routes that take a file: a small one, in the field they read. */
const MULTIPART = new Set([
  "POST /api/v1/requests/:id/files",
  "POST /api/v1/catalogue/imports",
  "POST /api/v1/users/imports",
]);
const multipart =
  "--matrix\r\n" +
  'Content-Disposition: form-data; name="file"; filename="scan.pdf"\r\n' +
  "Content-Type: application/pdf\r\n\r\n" +
  "%PDF-1.4\n%%EOF\n\r\n" +
  "--matrix--\r\n";

// ---- the matrix --------------------------------------------------------------------------------

describe("authorization: role × scope × action on every route (DOMAIN 2)", () => {
  it("has an entry for every route the app lists", () => {
    const listed = t.app.routeCatalogue
      .filter((r) => !r.public && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url}`);
    expect(listed.filter((k) => !(k in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !listed.includes(k))).toEqual([]);
  });

  it("answers each role in and out of scope as the roles table says", async () => {
    // reads, then writes, then deletions (a record's parts before the record)
    const order = (k: string) => (k.startsWith("GET") ? 0 : k.startsWith("DELETE") ? 1000 - k.length : -1);
    const routes = Object.keys(ROUTES).sort((a, b) => order(a) - order(b));
    const wrong: string[] = [];
    for (const route of routes) {
      const need = ROUTES[route]!;
      const expected = PROFILES.map((p) => ({ p, want: need(p) }));
      // refused first: a write that succeeds must not hide a refusal that follows
      expected.sort((a, b) => Number(a.want === "allow") - Number(b.want === "allow"));
      const [method] = route.split(" ") as [string];
      for (const { p, want } of expected) {
        const body = MULTIPART.has(route) ? multipart : bodyOf(route);
        const res = await t.app.inject({
          method: method as "GET",
          url: urlOf(route),
          headers: {
            authorization: `Bearer ${fx.actors.get(p.name)!.apiKey}`,
            ...(MULTIPART.has(route) ? { "content-type": "multipart/form-data; boundary=matrix" } : {}),
          },
          ...(body !== undefined ? { payload: body as object } : {}),
        });
        const got = res.statusCode;
        const refusedCodes =
          want === "allow" && !route.includes("/requests") && !route.includes("printouts/")
            ? [401, 403]
            : [401, 403, 404];
        const ok = want === "allow" ? !refusedCodes.includes(got) && got < 500 : String(got) === want;
        if (!ok) wrong.push(`${route} as ${p.name}: want ${want}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

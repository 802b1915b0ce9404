import { beforeAll, describe, expect, it } from "vitest";
import { ensurePrintout } from "../src/printing/printouts-repository.js";
import { insertProvider } from "../src/sign-on/providers-repository.js";
import { type Profile, PROFILES, ROUTES } from "./authorization-table.js";
import { type JsonSchema, sample } from "./openapi-sample.js";
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
 * is written as data in authorization-table.ts (ROLE_TABLE); each route names the action it needs (ROUTES), and
 * each actor holds one role in one scope, inside or outside the target request's scope. The
 * expected answer is derived from the table, never from the code under test: allowed means no
 * 401/403 (and no 404 where the refusal would be 404); refused means 403, or 404 where DOMAIN 2
 * says a refusal must not reveal that the record exists. A route missing from ROUTES fails.
 *
 * Writes carry bodies generated from the route's own OpenAPI schema, so validation passes and
 * authorization is what answers. Per route, refused callers go first, then allowed ones, so a
 * write that succeeds (a deletion, a state change) never hides a refusal. Deletions come last.
 */

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

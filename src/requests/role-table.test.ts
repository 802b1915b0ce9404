import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  setDefaultWorkflow,
  type InstitutionFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import type { RoleCode, ScopeType } from "../db/schema.js";

/*
 * DOMAIN 2's role table for requests: each role, in scope and out of scope, against the action it
 * exists for. Out of scope means the request is invisible (404), never "forbidden".
 */

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

type Case = {
  role: RoleCode;
  scope: (i: InstitutionFixture) => { scope: ScopeType; scopeId: number | null };
  action: "pick" | "cancel" | "approve" | "list";
  inScope: boolean;
  label: string;
};

const lib = (key: "main" | "law") => (i: InstitutionFixture) => ({
  scope: "library" as const,
  scopeId: i.libraries[key],
});

const cases: Case[] = [
  { role: "REQUESTS_OPERATOR", scope: lib("main"), action: "pick", inScope: true, label: "library MAIN" },
  { role: "REQUESTS_OPERATOR", scope: lib("law"), action: "pick", inScope: false, label: "library LAW" },
  {
    role: "WORK_ORDER_OPERATOR",
    scope: (i) => ({ scope: "department", scopeId: i.departments.inst }),
    action: "cancel",
    inScope: true,
    label: "the request's department",
  },
  {
    role: "WORK_ORDER_OPERATOR",
    scope: (i) => ({ scope: "desk", scopeId: i.desks.mainDesk }),
    action: "cancel",
    inScope: false,
    label: "a desk that is not the request's place",
  },
  { role: "FULFILLMENT_SERVICES_MANAGER", scope: lib("main"), action: "approve", inScope: true, label: "library MAIN" },
  {
    role: "FULFILLMENT_SERVICES_MANAGER",
    scope: () => ({ scope: "institution", scopeId: null }),
    action: "approve",
    inScope: true,
    label: "institution",
  },
  { role: "FULFILLMENT_SERVICES_MANAGER", scope: lib("law"), action: "approve", inScope: false, label: "library LAW" },
  { role: "FULFILLMENT_SERVICES_OPERATOR", scope: lib("main"), action: "cancel", inScope: true, label: "library MAIN" },
  {
    role: "FULFILLMENT_SERVICES_OPERATOR",
    scope: (i) => ({ scope: "desk", scopeId: i.desks.mainDesk }),
    action: "cancel",
    inScope: true,
    label: "a desk of library MAIN",
  },
  { role: "FULFILLMENT_SERVICES_OPERATOR", scope: lib("law"), action: "cancel", inScope: false, label: "library LAW" },
];

describe("the role table for requests", () => {
  let inst: InstitutionFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    await setDefaultWorkflow(t.ctx, inst, { approval_required: true, approval_mode: "parallel" });
  });

  const placeOne = async () => {
    const patron = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst, { library: "main" });
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(res.status).toBe(201);
    return res.body;
  };

  for (const c of cases) {
    it(`${c.role} ${c.inScope ? "in" : "out of"} scope (${c.label}) ${c.inScope ? "may" : "may not"} ${c.action}`, async () => {
      const placed = await placeOne();
      const { scope, scopeId } = c.scope(inst);
      const staff = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: c.role, scope, scopeId }] });
      const api = client(t.app, staff.apiKey);
      const id = placed.request_id;
      const view = await api.get(`/api/v1/requests/${id}`);
      expect(view.status).toBe(c.inScope ? 200 : 404);
      const listed = (await api.get("/api/v1/requests?limit=100")).body.requests.map((r: any) => r.request_id);
      expect(listed.includes(id)).toBe(c.inScope);
      const res =
        c.action === "pick"
          ? await api.post(`/api/v1/requests/${id}/pick`, {})
          : c.action === "approve"
            ? await api.post(`/api/v1/requests/${id}/tasks/${placed.tasks[0].task_id}/approve`, {})
            : await api.post(`/api/v1/requests/${id}/cancel`, { reason: "staff" });
      expect(res.status).toBe(c.inScope ? 200 : 404);
    });
  }

  it("a Requests Operator in scope sees the request but may not approve or deliver (403)", async () => {
    const placed = await placeOne();
    const ro = await makeUser(t.ctx, inst, {
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const api = client(t.app, ro.apiKey);
    expect((await api.get(`/api/v1/requests/${placed.request_id}`)).body.allowed_actions).toEqual(["pick"]);
    const approve = await api.post(
      `/api/v1/requests/${placed.request_id}/tasks/${placed.tasks[0].task_id}/approve`,
      {},
    );
    expect(approve.status).toBe(403);
    expect(approve.body.code).toBe("FORBIDDEN");
  });

  it("a patron sees only their own requests; another patron's is 404", async () => {
    const placed = await placeOne();
    const other = await makeUser(t.ctx, inst);
    const api = client(t.app, other.apiKey);
    expect((await api.get(`/api/v1/requests/${placed.request_id}`)).status).toBe(404);
    expect((await api.post(`/api/v1/requests/${placed.request_id}/cancel`, { reason: "x" })).status).toBe(404);
    expect((await api.get("/api/v1/requests")).body.requests).toEqual([]);
  });

  it("the General System Administrator sees every request but works none", async () => {
    const placed = await placeOne();
    const gsa = await makeUser(t.ctx, inst, { roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }] });
    const api = client(t.app, gsa.apiKey);
    expect((await api.get(`/api/v1/requests/${placed.request_id}`)).body.allowed_actions).toEqual([]);
    expect((await api.post(`/api/v1/requests/${placed.request_id}/pick`, {})).status).toBe(403);
  });

  it("staff of another institution never see the request", async () => {
    const placed = await placeOne();
    const other = await makeInstitution(t.ctx);
    const gsa = await makeUser(t.ctx, other, { roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }] });
    expect((await client(t.app, gsa.apiKey).get(`/api/v1/requests/${placed.request_id}`)).status).toBe(404);
  });
});

describe("listing requests", () => {
  it("filters by state, library, place and patron, and pages by cursor without gaps or repeats", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const other = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const fsm = await makeUser(t.ctx, inst, { roles: [{ role: "FULFILLMENT_SERVICES_MANAGER" }] });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const title = await makeTitle(t.ctx, inst, { library: i % 2 ? "law" : "main" });
      const who = i === 6 ? other : patron;
      ids.push(
        (await client(t.app, who.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages })).body.request_id,
      );
    }
    await client(t.app, patron.apiKey).post(`/api/v1/requests/${ids[0]}/cancel`, { reason: "x" });
    const api = client(t.app, fsm.apiKey);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api.get(`/api/v1/requests?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.body.requests.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.requests.map((r: any) => r.request_id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const law = await api.get("/api/v1/requests?library=LAW");
    expect(law.body.requests.map((r: any) => r.request_id)).toEqual([ids[5], ids[3], ids[1]]);
    const cancelled = await api.get("/api/v1/requests?state=cancelled");
    expect(cancelled.body.requests.map((r: any) => r.request_id)).toEqual([ids[0]]);
    const byPatron = await api.get(`/api/v1/requests?user_id=${other.primaryId}`);
    expect(byPatron.body.requests.map((r: any) => r.request_id)).toEqual([ids[6]]);
    const byPlace = await api.get("/api/v1/requests?place=DIGI_DEPT_INST&state=PICK_FROM_SHELF");
    expect(byPlace.body.requests).toHaveLength(6);
    const badState = await api.get("/api/v1/requests?state=LOST");
    expect(badState.status).toBe(400);
    expect(badState.body.fields[0].field).toMatch(/^state/);
    const badCursor = await api.get("/api/v1/requests?cursor=garbage");
    expect(badCursor.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "cursor" }] });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("GET /api/v1/staff/workspace (what may I do here)", () => {
  let inst: InstitutionFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
  });

  const workspace = async (key: string) => client(t.app, key).get("/api/v1/staff/workspace");

  it("a patron has no screens and no places", async () => {
    const patron = await makeUser(t.ctx, inst, { group: "UNDERGRAD" });
    const res = await workspace(patron.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.user.primary_id).toBe(patron.primaryId);
    expect(Object.values(res.body.screens).every((v) => v === false)).toBe(true);
    expect(Object.values(res.body.setup_areas).every((v) => v === false)).toBe(true);
    expect(res.body.places).toEqual([]);
  });

  it("a Requests Operator of a department gets the queues and the scan station at that department", async () => {
    const op = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    });
    const res = await workspace(op.apiKey);
    expect(res.body.screens).toMatchObject({
      queues: true,
      scan_station: true,
      digitization: false,
      approvals: false,
      place_for_patron: false,
      outbox: false,
      setup: false,
    });
    expect(res.body.places).toEqual([
      {
        kind: "department",
        id: String(inst.departments.inst),
        code: "DIGI_DEPT_INST",
        name: expect.any(String),
        library: null,
        roles: ["REQUESTS_OPERATOR"],
      },
    ]);
  });

  it("a Fulfillment Services Operator at a desk places for patrons there", async () => {
    const op = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "desk", scopeId: inst.desks.mainDesk }],
    });
    const res = await workspace(op.apiKey);
    expect(res.body.screens).toMatchObject({ queues: true, place_for_patron: true, scan_station: false });
    expect(res.body.places).toMatchObject([{ kind: "desk", code: "MAIN_DESK", library: "MAIN" }]);
  });

  it("the General System Administrator gets setup and the outbox, and works everywhere", async () => {
    const key = (await admin(t.ctx, inst)).apiKey;
    const res = await workspace(key);
    expect(res.body.screens).toMatchObject({ setup: true, outbox: true, queues: true, explain: true });
    expect(res.body.setup_areas).toEqual({
      organisation: true,
      fulfillment: true,
      people: true,
      letters: true,
      catalogue: true,
    });
    expect(res.body.places.map((p: { code: string }) => p.code)).toContain("DIGI_DEPT_INST");
  });

  it("answers 401 without a caller", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/staff/workspace" });
    expect(res.statusCode).toBe(401);
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { checkOf, readiness } from "../../test/readiness-fixture.js";
import { seedDemo } from "../demo/seed-demo.js";
import { createInstitution } from "../organisation/create-institution.js";
import { CHECK_IDS } from "./model.js";

const t = useTestApp();

const code = (prefix: string) => `${prefix}_${randomBytes(3).toString("hex").toUpperCase()}`;

describe("GET /api/v1/readiness", () => {
  it("the demo institution is ready: every check passes", async () => {
    const demo = await seedDemo(t.ctx, { institutionCode: code("DEMO") });
    const body = await readiness({ api: client(t.app, demo.apiKey) });
    expect(body.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(body.checks.filter((c) => c.status !== "pass")).toEqual([]);
    expect(body.ready).toBe(true);
  });

  it("a new institution fails what its administrator must still set up, each with names and links", async () => {
    const created = await createInstitution(t.ctx.db, { code: code("NEW"), name: "New University" }, t.clock.now(), {
      primary_id: "boss",
      email: null,
      password_hash: "x",
    });
    const scene = { api: client(t.app, created.admin!.apiKey) };
    const body = await readiness(scene);
    expect(body.ready).toBe(false);
    const failing = Object.fromEntries(
      body.checks.filter((c) => c.status === "fail").map((c) => [c.id, c.problems.map((p) => [p.kind, p.fix.page])]),
    );
    expect(failing).toEqual({
      libraries_served: [["no_libraries", "/staff/setup/libraries"]],
      places_have_printers: [["no_printer", "/staff/setup/departments/DIGI_DEPT_INST#printer"]],
      delivery_rules_cover_groups: [["no_user_groups", "/staff/setup/user-groups"]],
      places_have_operators: [["no_operators", "/staff/setup/departments/DIGI_DEPT_INST#operators"]],
    });
    const operators = await checkOf(scene, "places_have_operators");
    expect(operators.problems[0]!.fix.api).toMatch(/^POST \/api\/v1\/departments\/\d+\/operators$/);
    expect(operators.problems[0]!.message).toBe(
      "Department DIGI_DEPT_INST has no operator: nobody can scan, upload or deliver its requests.",
    );
  });

  it("a new institution turns ready through the API calls its problems name, and nothing else", async () => {
    const created = await createInstitution(
      t.ctx.db,
      { code: code("GREEN"), name: "Green University" },
      t.clock.now(),
      { primary_id: "boss", email: null, password_hash: "x" },
    );
    const api = client(t.app, created.admin!.apiKey);
    const scene = { api };
    const fixApis = async () =>
      (await readiness(scene)).checks
        .flatMap((c) => c.problems.filter((p) => p.severity === "fail"))
        .map((p) => p.fix.api);
    expect(await fixApis()).toEqual([
      "POST /api/v1/libraries",
      expect.stringMatching(/^PATCH \/api\/v1\/departments\/\d+$/),
      "POST /api/v1/user-groups",
      expect.stringMatching(/^POST \/api\/v1\/departments\/\d+\/operators$/),
    ]);
    const dept = (await api.get("/api/v1/departments")).body.departments[0];
    expect((await api.post("/api/v1/libraries", { code: "MAIN", name: "Main Library" })).status).toBe(201);
    expect((await api.post("/api/v1/printers", { code: "SLIPS", name: "Slips" })).status).toBe(201);
    expect((await api.patch(`/api/v1/departments/${dept.id}`, { default_printer: "SLIPS" })).status).toBe(200);
    expect((await api.post("/api/v1/user-groups", { code: "READERS", name: "Readers" })).status).toBe(201);
    // the new group may request (no limit) but the delivery rules refuse everybody by default
    expect(await fixApis()).toEqual(["POST /api/v1/rule-tables/delivery/rules", expect.stringMatching(/operators$/)]);
    const rule = await api.post("/api/v1/rule-tables/delivery/rules", {
      name: "Readers receive files",
      conditions: [{ parameter: "user_group", operator: "in_list", value: ["READERS"] }],
      output: { allowed: true },
    });
    expect(rule.status).toBe(201);
    const staff = await api.post("/api/v1/users", { primary_id: "scanner", last_name: "Scanner" });
    expect(staff.status).toBe(201);
    expect((await api.post(`/api/v1/departments/${dept.id}/operators`, { user_id: staff.body.id })).status).toBe(201);
    const body = await readiness(scene);
    expect(body.ready).toBe(true);
    // no catalogue yet: a warning, not a failure
    expect(body.checks.filter((c) => c.status !== "pass").map((c) => [c.id, c.status])).toEqual([
      ["libraries_served", "warn"],
    ]);
  });

  it("is open to every staff member, refused to patrons (403) and to anonymous callers (401)", async () => {
    const inst = await makeInstitution(t.ctx);
    const operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    });
    expect((await client(t.app, operator.apiKey).get("/api/v1/readiness")).status).toBe(200);
    const patron = await makeUser(t.ctx, inst, { group: "UNDERGRAD" });
    const refused = await client(t.app, patron.apiKey).get("/api/v1/readiness");
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("FORBIDDEN");
    expect((await client(t.app).get("/api/v1/readiness")).status).toBe(401);
  });
});

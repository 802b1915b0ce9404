import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("GET /api/v1/role-assignments: who holds which role where", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  let manager: UserFixture;
  let operator: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
    manager = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_MANAGER", scope: "library", scopeId: inst.libraries.main }],
    });
    operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      status: "INACTIVE",
      roles: [
        { role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst },
        { role: "WORK_ORDER_OPERATOR", scope: "desk", scopeId: inst.desks.mainDesk },
      ],
    });
    // Another institution's grants never show.
    const other = await makeInstitution(t.ctx);
    await makeUser(t.ctx, other, { group: "STAFF", roles: [{ role: "LETTER_ADMINISTRATOR" }] });
  });

  it("lists every grant of the institution with its holder and the scope named", async () => {
    const res = await client(t.app, adminUser.apiKey).get("/api/v1/role-assignments");
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    const mine = res.body.assignments.filter((a: { user_id: number }) =>
      [adminUser.id, manager.id, operator.id].includes(a.user_id),
    );
    expect(mine).toHaveLength(res.body.assignments.length);
    expect(mine).toHaveLength(4);
    expect(mine.find((a: { user_id: number }) => a.user_id === manager.id)).toMatchObject({
      role: "FULFILLMENT_SERVICES_MANAGER",
      role_label: "Fulfillment Services Manager",
      scope_type: "library",
      scope_id: inst.libraries.main,
      scope_code: "MAIN",
      scope_name: "MAIN Library",
      user: { id: manager.id, primary_id: manager.primaryId, first_name: "Test", status: "ACTIVE" },
    });
    const ofOperator = mine.filter((a: { user_id: number }) => a.user_id === operator.id);
    expect(ofOperator.map((a: { scope_code: string }) => a.scope_code).sort()).toEqual(["DIGI_DEPT_INST", "MAIN_DESK"]);
    expect(ofOperator[0].user.status).toBe("INACTIVE");
  });

  it("filters by role, by scope type and by scope", async () => {
    const api = client(t.app, adminUser.apiKey);
    const byRole = await api.get("/api/v1/role-assignments?role=WORK_ORDER_OPERATOR");
    expect(byRole.body.assignments.map((a: { user_id: number }) => a.user_id)).toEqual([operator.id, operator.id]);
    const byType = await api.get("/api/v1/role-assignments?scope_type=desk");
    expect(byType.body.assignments).toHaveLength(1);
    expect(byType.body.assignments[0]).toMatchObject({ scope_type: "desk", scope_id: inst.desks.mainDesk });
    const byScope = await api.get(`/api/v1/role-assignments?scope_type=library&scope_id=${inst.libraries.main}`);
    expect(byScope.body.assignments.map((a: { user_id: number }) => a.user_id)).toEqual([manager.id]);
  });

  it("says when more grants match than the limit", async () => {
    const res = await client(t.app, adminUser.apiKey).get("/api/v1/role-assignments?limit=2");
    expect(res.body.assignments).toHaveLength(2);
    expect(res.body.truncated).toBe(true);
  });

  it("refuses a bad filter with the field named", async () => {
    const api = client(t.app, adminUser.apiKey);
    for (const [query, field] of [
      ["role=OVERLORD", "role"],
      ["scope_type=planet", "scope_type"],
      ["scope_id=-1", "scope_id"],
      ["limit=0", "limit"],
    ]) {
      const res = await api.get(`/api/v1/role-assignments?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
      expect(res.body.fields[0]).toMatchObject({ field });
      expect(res.body.message).toMatch(/\S/);
    }
  });

  it("is for those who assign roles only", async () => {
    const fulfillmentAdmin = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }],
    });
    expect((await client(t.app, fulfillmentAdmin.apiKey).get("/api/v1/role-assignments")).status).toBe(403);
    expect((await client(t.app, manager.apiKey).get("/api/v1/role-assignments")).status).toBe(403);
  });
});

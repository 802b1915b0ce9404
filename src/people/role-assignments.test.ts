import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import type { RoleCode, ScopeType } from "../db/schema.js";
import { ROLE_DEFINITIONS } from "./role-definitions.js";

const t = useTestApp();

describe("roles and role assignments API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let fulfillmentAdminKey: string;
  let patronKey: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    fulfillmentAdminKey = (
      await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] })
    ).apiKey;
    patronKey = (await makeUser(t.ctx, inst)).apiKey;
  });

  const scopeIdFor = (scope: ScopeType): number | undefined =>
    ({
      institution: undefined,
      library: inst.libraries.law,
      desk: inst.desks.mainDesk,
      department: inst.departments.inst,
    })[scope];

  it("publishes the role table to staff", async () => {
    const res = await client(t.app, fulfillmentAdminKey).get("/api/v1/roles");
    expect(res.status).toBe(200);
    const byRole = Object.fromEntries(res.body.roles.map((r: any) => [r.role, r]));
    expect(Object.keys(byRole)).toHaveLength(7);
    expect(byRole.FULFILLMENT_SERVICES_MANAGER).toMatchObject({
      label: "Fulfillment Services Manager",
      scope_types: ["library", "institution"],
    });
    expect(byRole.WORK_ORDER_OPERATOR.scope_types).toEqual(["department", "desk"]);
    expect(byRole.GENERAL_SYSTEM_ADMINISTRATOR.description).toMatch(/role assignment/);
    expect((await client(t.app, patronKey).get("/api/v1/roles")).status).toBe(403);
  });

  it("grants each role exactly at the scopes DOMAIN 2 allows", async () => {
    const api = client(t.app, adminKey);
    const scopes: ScopeType[] = ["institution", "library", "desk", "department"];
    const expected: Record<RoleCode, ScopeType[]> = {
      GENERAL_SYSTEM_ADMINISTRATOR: ["institution"],
      FULFILLMENT_ADMINISTRATOR: ["institution"],
      LETTER_ADMINISTRATOR: ["institution"],
      FULFILLMENT_SERVICES_MANAGER: ["library", "institution"],
      FULFILLMENT_SERVICES_OPERATOR: ["library", "desk"],
      REQUESTS_OPERATOR: ["library"],
      WORK_ORDER_OPERATOR: ["department", "desk"],
    };
    expect(ROLE_DEFINITIONS.map((d) => d.role).sort()).toEqual(Object.keys(expected).sort());
    const grantee = await makeUser(t.ctx, inst, { group: "STAFF" });
    for (const [role, allowed] of Object.entries(expected)) {
      for (const scope_type of scopes) {
        const res = await api.post(`/api/v1/users/${grantee.id}/roles`, {
          role,
          scope_type,
          scope_id: scopeIdFor(scope_type),
        });
        if (allowed.includes(scope_type)) {
          expect(res.status, `${role} at ${scope_type}`).toBe(201);
        } else {
          expect(res.status, `${role} at ${scope_type}`).toBe(400);
          expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "scope_type" }] });
        }
      }
    }
    const roles = (await api.get(`/api/v1/users/${grantee.id}/roles`)).body.roles;
    expect(roles).toHaveLength(10);
  });

  it("grants a scoped role that the grantee can then see, with the scope named", async () => {
    const grantee = await makeUser(t.ctx, inst, { group: "STAFF" });
    const res = await client(t.app, adminKey).post(`/api/v1/users/${grantee.id}/roles`, {
      role: "FULFILLMENT_SERVICES_MANAGER",
      scope_type: "library",
      scope_id: inst.libraries.main,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user_id: grantee.id,
      role: "FULFILLMENT_SERVICES_MANAGER",
      role_label: "Fulfillment Services Manager",
      scope_type: "library",
      scope_id: inst.libraries.main,
      scope_code: "MAIN",
      scope_name: "MAIN Library",
    });
    const self = client(t.app, grantee.apiKey);
    expect((await self.get(`/api/v1/users/${grantee.id}/roles`)).body.roles).toHaveLength(1);
    expect((await self.get("/api/v1/auth/me")).body.roles).toEqual([
      { role: "FULFILLMENT_SERVICES_MANAGER", scope_type: "library", scope_id: inst.libraries.main },
    ]);
    const dept = await client(t.app, adminKey).post(`/api/v1/users/${grantee.id}/roles`, {
      role: "WORK_ORDER_OPERATOR",
      scope_type: "department",
      scope_id: inst.departments.inst,
    });
    expect(dept.body).toMatchObject({
      scope_code: "DIGI_DEPT_INST",
      scope_name: "Digitization Department For Institution",
    });
  });

  it("refuses a scope id that is missing, superfluous, or not of this institution", async () => {
    const api = client(t.app, adminKey);
    const grantee = await makeUser(t.ctx, inst, { group: "STAFF" });
    const other = await makeInstitution(t.ctx);
    const attempts = [
      { role: "REQUESTS_OPERATOR", scope_type: "library" },
      { role: "LETTER_ADMINISTRATOR", scope_type: "institution", scope_id: inst.libraries.main },
      { role: "REQUESTS_OPERATOR", scope_type: "library", scope_id: other.libraries.main },
      { role: "WORK_ORDER_OPERATOR", scope_type: "desk", scope_id: other.desks.mainDesk },
      { role: "WORK_ORDER_OPERATOR", scope_type: "department", scope_id: other.departments.inst },
    ];
    for (const body of attempts) {
      const res = await api.post(`/api/v1/users/${grantee.id}/roles`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "scope_id" }] });
    }
    const unknownRole = await api.post(`/api/v1/users/${grantee.id}/roles`, {
      role: "OVERLORD",
      scope_type: "institution",
    });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.fields[0].field).toBe("role");
    expect((await api.get(`/api/v1/users/${grantee.id}/roles`)).body.roles).toEqual([]);
  });

  it("refuses the same grant twice (DUPLICATE) but allows the role at another scope", async () => {
    const api = client(t.app, adminKey);
    const grantee = await makeUser(t.ctx, inst, { group: "STAFF" });
    const grant = { role: "REQUESTS_OPERATOR", scope_type: "library", scope_id: inst.libraries.main };
    expect((await api.post(`/api/v1/users/${grantee.id}/roles`, grant)).status).toBe(201);
    const again = await api.post(`/api/v1/users/${grantee.id}/roles`, grant);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("DUPLICATE");
    const inst1 = { role: "LETTER_ADMINISTRATOR", scope_type: "institution" };
    expect((await api.post(`/api/v1/users/${grantee.id}/roles`, inst1)).status).toBe(201);
    expect((await api.post(`/api/v1/users/${grantee.id}/roles`, { ...inst1, scope_id: null })).status).toBe(409);
    const law = { ...grant, scope_id: inst.libraries.law };
    expect((await api.post(`/api/v1/users/${grantee.id}/roles`, law)).status).toBe(201);
    expect((await api.get(`/api/v1/users/${grantee.id}/roles`)).body.roles).toHaveLength(3);
  });

  it("lets only one of two simultaneous identical grants through", async () => {
    const api = client(t.app, adminKey);
    const grantee = await makeUser(t.ctx, inst, { group: "STAFF" });
    const grant = { role: "WORK_ORDER_OPERATOR", scope_type: "department", scope_id: inst.departments.inst };
    const results = await Promise.all([1, 2, 3].map(() => api.post(`/api/v1/users/${grantee.id}/roles`, grant)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await api.get(`/api/v1/users/${grantee.id}/roles`)).body.roles).toHaveLength(1);
  });

  it("takes a role away, and with it what the role allowed", async () => {
    const api = client(t.app, adminKey);
    const grantee = await makeUser(t.ctx, inst, { group: "STAFF" });
    const granted = await api.post(`/api/v1/users/${grantee.id}/roles`, {
      role: "GENERAL_SYSTEM_ADMINISTRATOR",
      scope_type: "institution",
    });
    const asGrantee = client(t.app, grantee.apiKey);
    expect((await asGrantee.post("/api/v1/user-groups", { code: "G1", name: "G1" })).status).toBe(201);
    expect((await api.delete(`/api/v1/users/${grantee.id}/roles/${granted.body.id}`)).status).toBe(204);
    expect((await asGrantee.post("/api/v1/user-groups", { code: "G2", name: "G2" })).status).toBe(403);
    expect((await api.delete(`/api/v1/users/${grantee.id}/roles/${granted.body.id}`)).status).toBe(404);
  });

  it("keeps the institution's last active General System Administrator (IN_USE) until another holds the role", async () => {
    const own = await makeInstitution(t.ctx);
    const first = await admin(t.ctx, own);
    const api = client(t.app, first.apiKey);
    const roleOf = async (userId: number) =>
      (await api.get(`/api/v1/users/${userId}/roles`)).body.roles.find(
        (r: any) => r.role === "GENERAL_SYSTEM_ADMINISTRATOR",
      ).id;
    const firstRole = await roleOf(first.id);
    const refused = await api.delete(`/api/v1/users/${first.id}/roles/${firstRole}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: "IN_USE",
      message: expect.stringMatching(/last General System Administrator/),
    });
    // an inactive administrator does not count
    await admin(t.ctx, own).then((u) =>
      t.ctx.db.updateTable("users").set({ status: "INACTIVE" }).where("id", "=", u.id).execute(),
    );
    expect((await api.delete(`/api/v1/users/${first.id}/roles/${firstRole}`)).status).toBe(409);
    const second = await makeUser(t.ctx, own, { group: "STAFF" });
    const given = await api.post(`/api/v1/users/${second.id}/roles`, {
      role: "GENERAL_SYSTEM_ADMINISTRATOR",
      scope_type: "institution",
    });
    expect(given.status).toBe(201);
    expect((await api.delete(`/api/v1/users/${first.id}/roles/${firstRole}`)).status).toBe(204);
    // and now the second is the last one
    const asSecond = client(t.app, second.apiKey);
    expect((await asSecond.delete(`/api/v1/users/${second.id}/roles/${given.body.id}`)).status).toBe(409);
  });

  it("keeps the last active General System Administrator when their holder would be set INACTIVE or deleted", async () => {
    const own = await makeInstitution(t.ctx);
    const first = await admin(t.ctx, own);
    const api = client(t.app, first.apiKey);
    for (const res of [
      await api.patch(`/api/v1/users/${first.id}`, { status: "INACTIVE" }),
      await api.delete(`/api/v1/users/${first.id}`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: "IN_USE",
        message: expect.stringMatching(/last General System Administrator/),
      });
    }
    expect((await api.get(`/api/v1/users/${first.id}`)).body.status).toBe("ACTIVE");
    // anyone else may leave; with a second administrator, so may the first
    const staff = await makeUser(t.ctx, own, { group: "STAFF" });
    expect((await api.patch(`/api/v1/users/${staff.id}`, { status: "INACTIVE" })).status).toBe(200);
    const second = await admin(t.ctx, own);
    expect((await api.patch(`/api/v1/users/${first.id}`, { status: "INACTIVE" })).status).toBe(200);
    expect((await client(t.app, second.apiKey).delete(`/api/v1/users/${second.id}`)).status).toBe(409);
  });

  it("removes an assignment only through its own user", async () => {
    const api = client(t.app, adminKey);
    const a = await makeUser(t.ctx, inst, { group: "STAFF" });
    const b = await makeUser(t.ctx, inst, { group: "STAFF" });
    const granted = await api.post(`/api/v1/users/${a.id}/roles`, {
      role: "LETTER_ADMINISTRATOR",
      scope_type: "institution",
    });
    expect((await api.delete(`/api/v1/users/${b.id}/roles/${granted.body.id}`)).status).toBe(404);
    expect((await api.get(`/api/v1/users/${a.id}/roles`)).body.roles).toHaveLength(1);
  });

  it("lets only the General System Administrator assign roles", async () => {
    const grantee = await makeUser(t.ctx, inst, { group: "STAFF" });
    const body = { role: "LETTER_ADMINISTRATOR", scope_type: "institution" };
    const fa = await client(t.app, fulfillmentAdminKey).post(`/api/v1/users/${grantee.id}/roles`, body);
    // a Fulfillment Administrator cannot read users, so the user is out of reach
    expect(fa.status).toBe(404);
    const operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_MANAGER" }],
    });
    const res = await client(t.app, operator.apiKey).post(`/api/v1/users/${grantee.id}/roles`, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    const self = await client(t.app, operator.apiKey).post(`/api/v1/users/${operator.id}/roles`, {
      role: "GENERAL_SYSTEM_ADMINISTRATOR",
      scope_type: "institution",
    });
    expect(self.status).toBe(403);
    expect((await client(t.app, patronKey).get(`/api/v1/users/${grantee.id}/roles`)).status).toBe(404);
    expect((await client(t.app, adminKey).get(`/api/v1/users/${grantee.id}/roles`)).body.roles).toEqual([]);
  });

  it("answers 404 for another institution's user or assignment", async () => {
    const other = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, other, { roles: [{ role: "LETTER_ADMINISTRATOR" }] });
    const assignment = await t.ctx.db
      .selectFrom("role_assignments")
      .select("id")
      .where("user_id", "=", stranger.id)
      .executeTakeFirstOrThrow();
    const api = client(t.app, adminKey);
    expect((await api.get(`/api/v1/users/${stranger.id}/roles`)).status).toBe(404);
    const grant = await api.post(`/api/v1/users/${stranger.id}/roles`, {
      role: "GENERAL_SYSTEM_ADMINISTRATOR",
      scope_type: "institution",
    });
    expect(grant.status).toBe(404);
    expect((await api.delete(`/api/v1/users/${stranger.id}/roles/${assignment.id}`)).status).toBe(404);
    const still = await t.ctx.db
      .selectFrom("role_assignments")
      .select("id")
      .where("user_id", "=", stranger.id)
      .execute();
    expect(still).toHaveLength(1);
  });
});

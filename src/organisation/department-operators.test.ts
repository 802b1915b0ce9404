import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("department operators API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let fulfillmentAdminKey: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    fulfillmentAdminKey = (
      await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] })
    ).apiKey;
  });

  const operatorGrant = (departmentId: number) => ({
    role: "WORK_ORDER_OPERATOR",
    scope_type: "department",
    scope_id: departmentId,
  });

  it("grants the Work Order Operator role on adding and takes it away on removing", async () => {
    const api = client(t.app, fulfillmentAdminKey);
    const user = await makeUser(t.ctx, inst, { group: "STAFF" });
    const dept = inst.departments.inst;
    const me = async () => (await client(t.app, user.apiKey).get("/api/v1/auth/me")).body.roles;
    expect(await me()).toEqual([]);

    const added = await api.post(`/api/v1/departments/${dept}/operators`, { user_id: user.id });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ user_id: user.id, primary_id: user.primaryId });
    expect(await me()).toEqual([operatorGrant(dept)]);
    const listed = await api.get(`/api/v1/departments/${dept}/operators`);
    expect(listed.body.operators.map((o: { user_id: number }) => o.user_id)).toContain(user.id);
    const shown = await api.get(`/api/v1/departments/${dept}`);
    expect(shown.body.operators.map((o: { user_id: number }) => o.user_id)).toContain(user.id);

    expect((await api.delete(`/api/v1/departments/${dept}/operators/${user.id}`)).status).toBe(204);
    expect(await me()).toEqual([]);
    const gone = await api.get(`/api/v1/departments/${dept}/operators`);
    expect(gone.body.operators.map((o: { user_id: number }) => o.user_id)).not.toContain(user.id);
  });

  it("is idempotent: adding an operator twice answers 200 and keeps one grant", async () => {
    const api = client(t.app, adminKey);
    const user = await makeUser(t.ctx, inst, { group: "STAFF" });
    const url = `/api/v1/departments/${inst.departments.inst}/operators`;
    expect((await api.post(url, { user_id: user.id })).status).toBe(201);
    const again = await api.post(url, { user_id: user.id });
    expect(again.status).toBe(200);
    expect(again.body.user_id).toBe(user.id);
    const roles = (await client(t.app, user.apiKey).get("/api/v1/auth/me")).body.roles;
    expect(roles).toEqual([operatorGrant(inst.departments.inst)]);
  });

  it("makes one grant however many adds of the same user race", async () => {
    const api = client(t.app, adminKey);
    const user = await makeUser(t.ctx, inst, { group: "STAFF" });
    const url = `/api/v1/departments/${inst.departments.inst}/operators`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.post(url, { user_id: user.id })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const roles = (await client(t.app, user.apiKey).get("/api/v1/auth/me")).body.roles;
    expect(roles).toEqual([operatorGrant(inst.departments.inst)]);
  });

  it("lists an operator granted through the people API, and removes them like any other", async () => {
    const api = client(t.app, adminKey);
    const user = await makeUser(t.ctx, inst, { group: "STAFF" });
    const granted = await api.post(`/api/v1/users/${user.id}/roles`, {
      role: "WORK_ORDER_OPERATOR",
      scope_type: "department",
      scope_id: inst.departments.inst,
    });
    expect(granted.status).toBe(201);
    const listed = await api.get(`/api/v1/departments/${inst.departments.inst}/operators`);
    expect(listed.body.operators.map((o: { user_id: number }) => o.user_id)).toContain(user.id);
    expect(
      (await api.post(`/api/v1/departments/${inst.departments.inst}/operators`, { user_id: user.id })).status,
    ).toBe(200);
    expect((await api.delete(`/api/v1/departments/${inst.departments.inst}/operators/${user.id}`)).status).toBe(204);
    expect((await client(t.app, user.apiKey).get("/api/v1/auth/me")).body.roles).toEqual([]);
  });

  it("keeps grants of other departments when removing one", async () => {
    const api = client(t.app, adminKey);
    const other = await api.post("/api/v1/departments", {
      code: "SECOND",
      name: "Second",
      work_time_days: 4,
      owner_level: "library",
      owner_library_id: inst.libraries.main,
    });
    const user = await makeUser(t.ctx, inst, { group: "STAFF" });
    await api.post(`/api/v1/departments/${inst.departments.inst}/operators`, { user_id: user.id });
    await api.post(`/api/v1/departments/${other.body.id}/operators`, { user_id: user.id });
    await api.delete(`/api/v1/departments/${inst.departments.inst}/operators/${user.id}`);
    const roles = (await client(t.app, user.apiKey).get("/api/v1/auth/me")).body.roles;
    expect(roles).toEqual([operatorGrant(other.body.id)]);
  });

  it("answers 404 for a user who is not an operator, or not of the institution", async () => {
    const api = client(t.app, adminKey);
    const dept = inst.departments.inst;
    const bystander = await makeUser(t.ctx, inst);
    const notOperator = await api.delete(`/api/v1/departments/${dept}/operators/${bystander.id}`);
    expect(notOperator.status).toBe(404);
    expect(notOperator.body.code).toBe("NOT_FOUND");
    const other = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, other, { group: "STAFF" });
    const add = await api.post(`/api/v1/departments/${dept}/operators`, { user_id: stranger.id });
    expect(add.status).toBe(404);
    expect(add.body.code).toBe("NOT_FOUND");
    expect((await client(t.app, stranger.apiKey).get("/api/v1/auth/me")).body.roles).toEqual([]);
    const bad = await api.post(`/api/v1/departments/${dept}/operators`, { user_id: "me" });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe("user_id");
  });

  it("takes the operators' grants away when the department is deleted", async () => {
    const api = client(t.app, adminKey);
    const dept = await api.post("/api/v1/departments", {
      code: "SHORT_LIVED",
      name: "Short lived",
      work_time_days: 2,
      owner_level: "institution",
      served_libraries: { all: true },
    });
    const user = await makeUser(t.ctx, inst, { group: "STAFF" });
    await api.post(`/api/v1/departments/${dept.body.id}/operators`, { user_id: user.id });
    const me = async () => (await client(t.app, user.apiKey).get("/api/v1/auth/me")).body.roles;
    expect(await me()).toEqual([operatorGrant(dept.body.id)]);
    expect((await api.delete(`/api/v1/departments/${dept.body.id}`)).status).toBe(204);
    expect(await me()).toEqual([]);
  });

  it("refuses patrons and Letter Administrators changing operators", async () => {
    const target = await makeUser(t.ctx, inst, { group: "STAFF" });
    const letterAdmin = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "LETTER_ADMINISTRATOR" }] });
    const patron = await makeUser(t.ctx, inst);
    for (const key of [letterAdmin.apiKey, patron.apiKey]) {
      const api = client(t.app, key);
      const add = await api.post(`/api/v1/departments/${inst.departments.inst}/operators`, { user_id: target.id });
      expect(add.status).toBe(403);
      expect(add.body.code).toBe("FORBIDDEN");
      const del = await api.delete(`/api/v1/departments/${inst.departments.inst}/operators/${target.id}`);
      expect(del.status).toBe(403);
    }
    expect(
      (await client(t.app, patron.apiKey).get(`/api/v1/departments/${inst.departments.inst}/operators`)).status,
    ).toBe(403);
    expect((await client(t.app, target.apiKey).get("/api/v1/auth/me")).body.roles).toEqual([]);
  });

  it("answers 404 for another institution's department", async () => {
    const other = await makeInstitution(t.ctx);
    const user = await makeUser(t.ctx, inst, { group: "STAFF" });
    const api = client(t.app, adminKey);
    const base = `/api/v1/departments/${other.departments.inst}/operators`;
    expect((await api.get(base)).status).toBe(404);
    expect((await api.post(base, { user_id: user.id })).status).toBe(404);
    expect((await api.delete(`${base}/${user.id}`)).status).toBe(404);
    expect((await client(t.app, user.apiKey).get("/api/v1/auth/me")).body.roles).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, setDefaultWorkflow, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { insertRequestAt } from "../../test/request-fixture.js";

const t = useTestApp();

describe("circulation desks API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let fulfillmentAdminKey: string;
  let letterAdminKey: string;
  let patron: { id: number; apiKey: string };
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    fulfillmentAdminKey = (
      await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] })
    ).apiKey;
    letterAdminKey = (await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "LETTER_ADMINISTRATOR" }] }))
      .apiKey;
    patron = await makeUser(t.ctx, inst);
  });

  it("creates a digitization desk, lists, reads, changes and deletes it", async () => {
    const api = client(t.app, fulfillmentAdminKey);
    const created = await api.post(`/api/v1/libraries/${inst.libraries.law}/desks`, {
      code: "LAW_DESK",
      name: "Law desk",
      digitization: { supports_digitization: true, work_time_days: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      library_id: inst.libraries.law,
      code: "LAW_DESK",
      digitization: { supports_digitization: true, work_time_days: 5 },
    });
    const id = created.body.id;
    const list = await api.get(`/api/v1/libraries/${inst.libraries.law}/desks`);
    expect(list.body.desks.map((d: { code: string }) => d.code)).toEqual(["LAW_DESK"]);
    expect((await api.get(`/api/v1/desks/${id}`)).body.name).toBe("Law desk");

    const changed = await api.patch(`/api/v1/desks/${id}`, {
      name: "Law circulation",
      digitization: { work_time_days: 7 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: "Law circulation",
      digitization: { supports_digitization: true, work_time_days: 7 },
    });
    expect((await api.delete(`/api/v1/desks/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/desks/${id}`)).status).toBe(404);
  });

  it("creates a desk without the digitization section switched off", async () => {
    const res = await client(t.app, adminKey).post(`/api/v1/libraries/${inst.libraries.main}/desks`, {
      code: "PLAIN",
      name: "Plain desk",
    });
    expect(res.status).toBe(201);
    expect(res.body.digitization).toEqual({ supports_digitization: false, work_time_days: null });
  });

  it("requires work_time_days when the desk supports digitization, and writes nothing", async () => {
    const api = client(t.app, adminKey);
    const res = await api.post(`/api/v1/libraries/${inst.libraries.main}/desks`, {
      code: "NO_DAYS",
      name: "No days",
      digitization: { supports_digitization: true },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "digitization.work_time_days" }] });
    const codes = (await api.get(`/api/v1/libraries/${inst.libraries.main}/desks`)).body.desks.map(
      (d: { code: string }) => d.code,
    );
    expect(codes).not.toContain("NO_DAYS");
  });

  it("refuses work_time_days that are not whole days of at least 1", async () => {
    const api = client(t.app, adminKey);
    for (const days of [0, 2.5, -1]) {
      const res = await api.post(`/api/v1/libraries/${inst.libraries.main}/desks`, {
        code: "BAD_DAYS",
        name: "Bad",
        digitization: { supports_digitization: true, work_time_days: days },
      });
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toBe("digitization.work_time_days");
    }
  });

  it("refuses to switch digitization on by PATCH without days, and keeps the desk as it was", async () => {
    const api = client(t.app, adminKey);
    const res = await api.patch(`/api/v1/desks/${inst.desks.mainDesk}`, {
      name: "Renamed",
      digitization: { supports_digitization: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: "digitization.work_time_days", message: expect.any(String) }]);
    const desk = (await api.get(`/api/v1/desks/${inst.desks.mainDesk}`)).body;
    expect(desk.name).toBe("Main desk");
    expect(desk.digitization.supports_digitization).toBe(false);
  });

  it("refuses a desk code already used in the institution, even in another library", async () => {
    const res = await client(t.app, adminKey).post(`/api/v1/libraries/${inst.libraries.law}/desks`, {
      code: "MAIN_DESK",
      name: "Again",
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "code" }] });
  });

  it("lets a patron and a Letter Administrator read desks but not change them", async () => {
    for (const key of [patron.apiKey, letterAdminKey]) {
      const api = client(t.app, key);
      expect((await api.get(`/api/v1/desks/${inst.desks.mainDesk}`)).status).toBe(200);
      const post = await api.post(`/api/v1/libraries/${inst.libraries.main}/desks`, { code: "X", name: "X" });
      expect(post.status).toBe(403);
      expect(post.body.code).toBe("FORBIDDEN");
      expect((await api.patch(`/api/v1/desks/${inst.desks.mainDesk}`, { name: "x" })).status).toBe(403);
      expect((await api.delete(`/api/v1/desks/${inst.desks.mainDesk}`)).status).toBe(403);
    }
  });

  it("answers 404 for another institution's desk and library", async () => {
    const other = await makeInstitution(t.ctx);
    const api = client(t.app, adminKey);
    expect((await api.get(`/api/v1/desks/${other.desks.mainDesk}`)).status).toBe(404);
    expect((await api.patch(`/api/v1/desks/${other.desks.mainDesk}`, { name: "x" })).status).toBe(404);
    expect((await api.delete(`/api/v1/desks/${other.desks.mainDesk}`)).status).toBe(404);
    const list = await api.get(`/api/v1/libraries/${other.libraries.main}/desks`);
    expect(list.status).toBe(404);
    expect(list.body.code).toBe("NOT_FOUND");
    const post = await api.post(`/api/v1/libraries/${other.libraries.main}/desks`, { code: "X", name: "X" });
    expect(post.status).toBe(404);
  });

  it("refuses to delete a desk that requests reference (IN_USE)", async () => {
    const api = client(t.app, adminKey);
    const desk = await api.post(`/api/v1/libraries/${inst.libraries.main}/desks`, {
      code: "BUSY",
      name: "Busy",
      digitization: { supports_digitization: true, work_time_days: 3 },
    });
    await insertRequestAt(t.ctx, inst, patron.id, { deskId: desk.body.id });
    const res = await api.delete(`/api/v1/desks/${desk.body.id}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "IN_USE", details: { used_by: ["requests"] } });
    expect((await api.get(`/api/v1/desks/${desk.body.id}`)).status).toBe(200);
  });

  it("refuses to delete a desk that a digitization rule targets (IN_USE)", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    await setDefaultWorkflow(t.ctx, own, { target_destination: "MAIN_DESK" });
    const res = await api.delete(`/api/v1/desks/${own.desks.mainDesk}`);
    expect(res.status).toBe(409);
    expect(res.body.details.used_by).toEqual(["the default digitization rule"]);
  });

  it("removes the role grants scoped to a deleted desk", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    const operator = await makeUser(t.ctx, own, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "desk", scopeId: own.desks.mainDesk }],
    });
    const me = () => client(t.app, operator.apiKey).get("/api/v1/auth/me");
    expect((await me()).body.roles).toEqual([
      { role: "FULFILLMENT_SERVICES_OPERATOR", scope_type: "desk", scope_id: own.desks.mainDesk },
    ]);
    expect((await api.delete(`/api/v1/desks/${own.desks.mainDesk}`)).status).toBe(204);
    expect((await me()).body.roles).toEqual([]);
  });
});

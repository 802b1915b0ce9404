import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("user blocks API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let operatorKey: string;
  let managerKey: string;
  let requestsOperatorKey: string;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    operatorKey = (
      await makeUser(t.ctx, inst, {
        group: "STAFF",
        roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "desk", scopeId: inst.desks.mainDesk }],
      })
    ).apiKey;
    managerKey = (
      await makeUser(t.ctx, inst, {
        group: "STAFF",
        roles: [{ role: "FULFILLMENT_SERVICES_MANAGER", scope: "library", scopeId: inst.libraries.law }],
      })
    ).apiKey;
    requestsOperatorKey = (
      await makeUser(t.ctx, inst, {
        group: "STAFF",
        roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
      })
    ).apiKey;
    patron = await makeUser(t.ctx, inst);
  });

  it("adds, lists and lifts a block", async () => {
    const api = client(t.app, adminKey);
    const added = await api.post(`/api/v1/users/${patron.id}/blocks`, {
      block_type: "OVERDUE",
      note: "Three items overdue",
      expires_at: "2026-04-01T00:00:00Z",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      user_id: patron.id,
      block_type: "OVERDUE",
      note: "Three items overdue",
      expires_at: "2026-04-01T00:00:00.000Z",
      active: true,
    });
    const list = await api.get(`/api/v1/users/${patron.id}/blocks`);
    expect(list.body.blocks.map((b: any) => b.id)).toEqual([added.body.id]);
    expect((await api.delete(`/api/v1/users/${patron.id}/blocks/${added.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/users/${patron.id}/blocks`)).body.blocks).toEqual([]);
    expect((await api.delete(`/api/v1/users/${patron.id}/blocks/${added.body.id}`)).status).toBe(404);
  });

  it("shows a block as inactive once its expiry has passed", async () => {
    const api = client(t.app, adminKey);
    const start = t.clock.now();
    const added = await api.post(`/api/v1/users/${patron.id}/blocks`, {
      block_type: "GENERAL",
      expires_at: new Date(start.getTime() + 86_400_000).toISOString(),
    });
    expect(added.body).toMatchObject({ active: true, note: null });
    t.clock.advanceDays(2);
    try {
      const list = await api.get(`/api/v1/users/${patron.id}/blocks`);
      expect(list.body.blocks.find((b: any) => b.id === added.body.id).active).toBe(false);
    } finally {
      t.clock.set(start);
    }
    await api.delete(`/api/v1/users/${patron.id}/blocks/${added.body.id}`);
  });

  it("lets Fulfillment Services Operators and Managers place and lift blocks", async () => {
    for (const key of [operatorKey, managerKey]) {
      const api = client(t.app, key);
      const added = await api.post(`/api/v1/users/${patron.id}/blocks`, { block_type: "FINES" });
      expect(added.status).toBe(201);
      expect(added.body.expires_at).toBeNull();
      expect((await api.get(`/api/v1/users/${patron.id}/blocks`)).status).toBe(200);
      expect((await api.delete(`/api/v1/users/${patron.id}/blocks/${added.body.id}`)).status).toBe(204);
    }
  });

  it("refuses an expiry in the past, a malformed one, and a missing type; writes nothing", async () => {
    const api = client(t.app, adminKey);
    const past = await api.post(`/api/v1/users/${patron.id}/blocks`, {
      block_type: "GENERAL",
      expires_at: "2026-03-01T00:00:00Z",
    });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "expires_at" }] });
    const malformed = await api.post(`/api/v1/users/${patron.id}/blocks`, {
      block_type: "GENERAL",
      expires_at: "next week",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields[0].field).toBe("expires_at");
    const missing = await api.post(`/api/v1/users/${patron.id}/blocks`, { note: "why" });
    expect(missing.status).toBe(400);
    expect(missing.body.fields[0].field).toBe("block_type");
    expect((await api.get(`/api/v1/users/${patron.id}/blocks`)).body.blocks).toEqual([]);
  });

  it("refuses other staff (403) and patrons (404 for others, 403 for themself)", async () => {
    const staff = client(t.app, requestsOperatorKey);
    // a Requests Operator cannot read users at all, so the user is out of reach
    expect((await staff.post(`/api/v1/users/${patron.id}/blocks`, { block_type: "GENERAL" })).status).toBe(404);
    const other = await makeUser(t.ctx, inst);
    const self = client(t.app, patron.apiKey);
    expect((await self.get(`/api/v1/users/${other.id}/blocks`)).status).toBe(404);
    const own = await self.get(`/api/v1/users/${patron.id}/blocks`);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe("FORBIDDEN");
    expect((await self.post(`/api/v1/users/${patron.id}/blocks`, { block_type: "GENERAL" })).status).toBe(403);
    const fa = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    expect((await client(t.app, fa.apiKey).get(`/api/v1/users/${patron.id}/blocks`)).status).toBe(404);
  });

  it("lifts a block only through its own user", async () => {
    const api = client(t.app, adminKey);
    const other = await makeUser(t.ctx, inst);
    const block = await api.post(`/api/v1/users/${other.id}/blocks`, { block_type: "GENERAL" });
    expect((await api.delete(`/api/v1/users/${patron.id}/blocks/${block.body.id}`)).status).toBe(404);
    expect((await api.get(`/api/v1/users/${other.id}/blocks`)).body.blocks).toHaveLength(1);
  });

  it("answers 404 for another institution's user or block", async () => {
    const otherInst = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, otherInst);
    const otherAdmin = (await admin(t.ctx, otherInst)).apiKey;
    const block = await client(t.app, otherAdmin).post(`/api/v1/users/${stranger.id}/blocks`, {
      block_type: "GENERAL",
    });
    const api = client(t.app, adminKey);
    expect((await api.get(`/api/v1/users/${stranger.id}/blocks`)).status).toBe(404);
    expect((await api.post(`/api/v1/users/${stranger.id}/blocks`, { block_type: "GENERAL" })).status).toBe(404);
    expect((await api.delete(`/api/v1/users/${stranger.id}/blocks/${block.body.id}`)).status).toBe(404);
    expect((await api.delete(`/api/v1/users/${patron.id}/blocks/${block.body.id}`)).status).toBe(404);
    expect((await client(t.app, otherAdmin).get(`/api/v1/users/${stranger.id}/blocks`)).body.blocks).toHaveLength(1);
  });
});

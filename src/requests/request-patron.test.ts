import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { deliveredRequest, deliveryScene, sendLetters } from "../../test/delivery-fixture.js";
import { makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("the staff's request page: whom it is for, and re-issuing links", () => {
  it("names the patron to whoever may see the request, without users.read", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    // a Work Order Operator may not look users up, but sees who asked for the work in their department
    expect((await client(t.app, scene.woo.apiKey).get(`/api/v1/users?q=${scene.patron.primaryId}`)).status).toBe(403);
    const res = await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}/patron`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      primary_id: scene.patron.primaryId,
      first_name: "Test",
      last_name: scene.patron.primaryId,
      email: `${scene.patron.primaryId}@example.edu`,
      barcode: null,
      user_group: "FACULTY",
      user_group_name: expect.any(String),
      preferred_language: null,
      status: "ACTIVE",
    });
  });

  it("is 404 to another patron, staff out of scope and another institution", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    const other = await makeUser(t.ctx, scene.inst);
    expect((await client(t.app, other.apiKey).get(`/api/v1/requests/${id}/patron`)).status).toBe(404);
    const outOfScope = await makeUser(t.ctx, scene.inst, {
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: scene.inst.libraries.law }],
    });
    expect((await client(t.app, outOfScope.apiKey).get(`/api/v1/requests/${id}/patron`)).status).toBe(404);
    const far = await makeUser(t.ctx, await makeInstitution(t.ctx), {
      roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }],
    });
    expect((await client(t.app, far.apiKey).get(`/api/v1/requests/${id}/patron`)).status).toBe(404);
  });

  it("offers reissue_links once delivered, to whoever delivers, and to nobody else", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const woo = await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}`);
    expect(woo.body.allowed_actions).toContain("reissue_links");
    const patron = await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${id}`);
    expect(patron.body.allowed_actions).not.toContain("reissue_links");
    await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/cancel`, { reason: "asked twice" });
    const closed = await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}`);
    expect(closed.body.allowed_actions).not.toContain("reissue_links");
  });
});

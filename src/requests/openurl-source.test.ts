import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

// A request placed from an OpenURL citation records request_source "openurl" (a patron for themselves only).
const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

describe("request_source openurl", () => {
  it("is recorded for a patron placing for themselves; any other value, or for someone else, is refused", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const api = client(t.app, patron.apiKey);
    const title = await makeTitle(t.ctx, inst);
    const placed = await api.post("/api/v1/requests", { mms_id: title.mmsId, request_source: "openurl", ...pages });
    expect(placed.status).toBe(201);
    expect(placed.body.request_source).toBe("openurl");
    const row = await t.ctx.db
      .selectFrom("requests")
      .select("request_source")
      .where("id", "=", Number(placed.body.request_id))
      .executeTakeFirstOrThrow();
    expect(row.request_source).toBe("openurl");

    for (const source of ["staff", "course", "api", "patron"]) {
      const refused = await api.post("/api/v1/requests", {
        mms_id: (await makeTitle(t.ctx, inst)).mmsId,
        request_source: source,
        ...pages,
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.fields)).toContain("request_source");
    }

    const fso = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const forOther = await client(t.app, fso.apiKey).post("/api/v1/requests", {
      user_id: patron.primaryId,
      mms_id: (await makeTitle(t.ctx, inst)).mmsId,
      request_source: "openurl",
      ...pages,
    });
    expect(forOther.status).toBe(400);
    expect(forOther.body.fields).toEqual([
      { field: "request_source", message: "is for a patron placing a request for themselves" },
    ]);
    const countBefore = await t.ctx.db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("institution_id", "=", inst.id)
      .executeTakeFirstOrThrow();
    expect(Number(countBefore.n)).toBe(1);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("institution API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
  });

  it("shows the caller's own institution to any signed-in user", async () => {
    const patronKey = (await makeUser(t.ctx, inst)).apiKey;
    const res = await client(t.app, patronKey).get("/api/v1/institution");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: inst.id, code: inst.code, time_zone: "UTC", default_language: "en" });
    expect((await client(t.app).get("/api/v1/institution")).status).toBe(401);
  });

  it("changes the name, time zone and language, normalising their spelling", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    const res = await api.patch("/api/v1/institution", {
      name: "University of Somewhere",
      time_zone: "america/new_york",
      default_language: "FRA",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: own.code,
      name: "University of Somewhere",
      time_zone: "America/New_York",
      default_language: "fra",
    });
    expect((await api.get("/api/v1/institution")).body.time_zone).toBe("America/New_York");
  });

  it("refuses an unknown time zone and a bad language code, naming both, and changes nothing", async () => {
    const api = client(t.app, adminKey);
    const res = await api.patch("/api/v1/institution", {
      name: "Changed?",
      time_zone: "Mars/Olympus_Mons",
      default_language: "english",
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(["default_language", "time_zone"]);
    expect((await api.get("/api/v1/institution")).body.name).toBe(`Test ${inst.code}`);
  });

  it("refuses UTC offsets, which are not IANA zones", async () => {
    const res = await client(t.app, adminKey).patch("/api/v1/institution", { time_zone: "+01:00" });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe("time_zone");
  });

  it("does not let the code change", async () => {
    const res = await client(t.app, adminKey).patch("/api/v1/institution", { code: "NEW" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
  });

  it("refuses the change to anyone without organisation.manage", async () => {
    const fulfillmentAdmin = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }],
    });
    for (const key of [fulfillmentAdmin.apiKey, (await makeUser(t.ctx, inst)).apiKey]) {
      const res = await client(t.app, key).patch("/api/v1/institution", { name: "Hijacked" });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
    expect((await client(t.app, adminKey).get("/api/v1/institution")).body.name).toBe(`Test ${inst.code}`);
  });

  it("changes only the caller's institution", async () => {
    const other = await makeInstitution(t.ctx);
    const otherAdmin = client(t.app, (await admin(t.ctx, other)).apiKey);
    await otherAdmin.patch("/api/v1/institution", { name: "Other place" });
    expect((await client(t.app, adminKey).get("/api/v1/institution")).body.name).toBe(`Test ${inst.code}`);
  });
});

describe("organisation endpoints in the OpenAPI document", () => {
  it("describes every route of the area", async () => {
    const doc = (await client(t.app).get("/api/openapi.json")).body;
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/api/v1/institution",
      "/api/v1/libraries/{id}/desks",
      "/api/v1/desks/{id}",
      "/api/v1/departments",
      "/api/v1/departments/{id}",
      "/api/v1/departments/{id}/operators",
      "/api/v1/departments/{id}/operators/{user_id}",
      "/api/v1/printers",
      "/api/v1/printers/{id}",
    ]) {
      expect(paths).toContain(p);
    }
    const create = doc.paths["/api/v1/departments"].post;
    expect(create.tags).toEqual(["Organisation"]);
    const body = create.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(["served_libraries", "contact_info", "map_url"]),
    );
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeTitle, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("libraries and locations API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let patronKey: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    patronKey = (await makeUser(t.ctx, inst)).apiKey;
  });

  it("creates, reads, updates and deletes a library", async () => {
    const api = client(t.app, adminKey);
    const created = await api.post("/api/v1/libraries", { code: "SCI", name: "Science Library" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "SCI", name: "Science Library" });
    const id = created.body.id;
    expect((await api.get(`/api/v1/libraries/${id}`)).body.name).toBe("Science Library");
    const changed = await api.patch(`/api/v1/libraries/${id}`, { name: "Sciences" });
    expect(changed.body.name).toBe("Sciences");
    expect((await api.delete(`/api/v1/libraries/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/libraries/${id}`)).status).toBe(404);
  });

  it("refuses a duplicate code with DUPLICATE and the field", async () => {
    const res = await client(t.app, adminKey).post("/api/v1/libraries", { code: "MAIN", name: "Again" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "code" }] });
  });

  it("refuses invalid input with VALIDATION_FAILED naming the fields, and writes nothing", async () => {
    const api = client(t.app, adminKey);
    const before = (await api.get("/api/v1/libraries")).body.libraries.length;
    const res = await api.post("/api/v1/libraries", { code: "has space", name: "" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(["code", "name"]);
    expect((await api.get("/api/v1/libraries")).body.libraries.length).toBe(before);
  });

  it("refuses to delete a library that still has locations (IN_USE)", async () => {
    const res = await client(t.app, adminKey).delete(`/api/v1/libraries/${inst.libraries.main}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("IN_USE");
  });

  it("names everything that still points at a library or a location it refuses to delete", async () => {
    const own = await makeInstitution(t.ctx);
    await makeTitle(t.ctx, own);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    const department = { code: "MAIN_DIGI", name: "Main digitization", work_time_days: 5, owner_level: "library" };
    expect(
      (await api.post("/api/v1/departments", { ...department, owner_library_id: own.libraries.main })).status,
    ).toBe(201);
    const library = await api.delete(`/api/v1/libraries/${own.libraries.main}`);
    expect(library.body).toMatchObject({
      code: "IN_USE",
      details: { used_by: ["locations", "circulation desks", "departments", "holdings"] },
    });
    const location = await api.delete(`/api/v1/locations/${own.locations.mainStacks}`);
    expect(location.body).toMatchObject({ code: "IN_USE", details: { used_by: ["holdings", "items"] } });
  });

  it("lets a patron read but not change libraries", async () => {
    const api = client(t.app, patronKey);
    expect((await api.get("/api/v1/libraries")).status).toBe(200);
    const res = await api.post("/api/v1/libraries", { code: "X", name: "X" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
  });

  it("answers 404 for another institution's library, never revealing it", async () => {
    const other = await makeInstitution(t.ctx);
    const res = await client(t.app, adminKey).get(`/api/v1/libraries/${other.libraries.main}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    const change = await client(t.app, adminKey).patch(`/api/v1/libraries/${other.libraries.main}`, { name: "x" });
    expect(change.status).toBe(404);
  });

  it("requires authentication", async () => {
    const res = await client(t.app).get("/api/v1/libraries");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHENTICATED");
  });

  it("manages locations inside a library", async () => {
    const api = client(t.app, adminKey);
    const loc = await api.post(`/api/v1/libraries/${inst.libraries.law}/locations`, {
      code: "RARE",
      name: "Rare books",
    });
    expect(loc.status).toBe(201);
    expect(loc.body.library_id).toBe(inst.libraries.law);
    const list = await api.get(`/api/v1/libraries/${inst.libraries.law}/locations`);
    expect(list.body.locations.map((l: { code: string }) => l.code)).toContain("RARE");
    expect((await api.delete(`/api/v1/locations/${loc.body.id}`)).status).toBe(204);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("user groups API", () => {
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

  it("lists the groups with their limits as stored and described", async () => {
    const res = await client(t.app, fulfillmentAdminKey).get("/api/v1/user-groups");
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.user_groups.map((g: any) => [g.code, g]));
    expect(byCode.UNDERGRAD).toMatchObject({ max_digitization_requests: 3 });
    expect(byCode.UNDERGRAD.limit_description).toMatch(/At most 3 active digitization requests/);
    expect(byCode.FACULTY).toMatchObject({ max_digitization_requests: null });
    expect(byCode.FACULTY.limit_description).toMatch(/No limit/);
  });

  it("creates a group that may not request digitization (0) and one without a limit (null)", async () => {
    const api = client(t.app, adminKey);
    const none = await api.post("/api/v1/user-groups", {
      code: "COMMUNITY",
      name: "Community borrowers",
      max_digitization_requests: 0,
    });
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ code: "COMMUNITY", max_digitization_requests: 0 });
    expect(none.body.limit_description).toBe("Cannot request digitization.");
    const open = await api.post("/api/v1/user-groups", { code: "EMERITUS", name: "Emeritus" });
    expect(open.status).toBe(201);
    expect(open.body.max_digitization_requests).toBeNull();
    const one = await api.post("/api/v1/user-groups", {
      code: "VISITOR",
      name: "Visitor",
      max_digitization_requests: 1,
    });
    expect(one.body.limit_description).toBe("At most 1 active digitization request at a time.");
    expect((await api.get(`/api/v1/user-groups/${none.body.id}`)).body.name).toBe("Community borrowers");
  });

  it("refuses a negative or fractional limit naming the field, and writes nothing", async () => {
    const api = client(t.app, adminKey);
    const before = (await api.get("/api/v1/user-groups")).body.user_groups.length;
    for (const bad of [-1, 2.5, "3"]) {
      const res = await api.post("/api/v1/user-groups", { code: "BAD", name: "Bad", max_digitization_requests: bad });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "max_digitization_requests" }] });
    }
    const patched = await api.patch(`/api/v1/user-groups/${inst.groups.GRAD}`, { max_digitization_requests: -2 });
    expect(patched.status).toBe(400);
    expect((await api.get(`/api/v1/user-groups/${inst.groups.GRAD}`)).body.max_digitization_requests).toBe(5);
    expect((await api.get("/api/v1/user-groups")).body.user_groups.length).toBe(before);
  });

  it("refuses a duplicate code with DUPLICATE, on create and on rename", async () => {
    const api = client(t.app, adminKey);
    const res = await api.post("/api/v1/user-groups", { code: "GRAD", name: "Again" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "code" }] });
    const rename = await api.patch(`/api/v1/user-groups/${inst.groups.GRAD}`, { code: "UNDERGRAD" });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe("DUPLICATE");
  });

  it("lets a Fulfillment Administrator change only the patron limit", async () => {
    const api = client(t.app, fulfillmentAdminKey);
    const limit = await api.patch(`/api/v1/user-groups/${inst.groups.UNDERGRAD}`, { max_digitization_requests: 4 });
    expect(limit.status).toBe(200);
    expect(limit.body.max_digitization_requests).toBe(4);
    const unlimited = await api.patch(`/api/v1/user-groups/${inst.groups.UNDERGRAD}`, {
      max_digitization_requests: null,
    });
    expect(unlimited.body.max_digitization_requests).toBeNull();
    const rename = await api.patch(`/api/v1/user-groups/${inst.groups.UNDERGRAD}`, {
      name: "Undergraduates",
      max_digitization_requests: 2,
    });
    expect(rename.status).toBe(403);
    expect(rename.body.code).toBe("FORBIDDEN");
    expect((await api.post("/api/v1/user-groups", { code: "FA", name: "FA" })).status).toBe(403);
    expect((await api.delete(`/api/v1/user-groups/${inst.groups.STAFF}`)).status).toBe(403);
    const after = await client(t.app, adminKey).get(`/api/v1/user-groups/${inst.groups.UNDERGRAD}`);
    expect(after.body).toMatchObject({ name: "UNDERGRAD", max_digitization_requests: null });
  });

  it("lets the General System Administrator rename a group", async () => {
    const res = await client(t.app, adminKey).patch(`/api/v1/user-groups/${inst.groups.FACULTY}`, {
      name: "Faculty members",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: "FACULTY", name: "Faculty members", max_digitization_requests: null });
  });

  it("refuses to delete a group that still has users (IN_USE), and deletes an empty one", async () => {
    const api = client(t.app, adminKey);
    const used = await api.delete(`/api/v1/user-groups/${inst.groups.UNDERGRAD}`);
    expect(used.status).toBe(409);
    expect(used.body.code).toBe("IN_USE");
    expect((await api.get(`/api/v1/user-groups/${inst.groups.UNDERGRAD}`)).status).toBe(200);
    const empty = await api.post("/api/v1/user-groups", { code: "TEMP", name: "Temporary" });
    expect((await api.delete(`/api/v1/user-groups/${empty.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/user-groups/${empty.body.id}`)).status).toBe(404);
  });

  it("refuses patrons", async () => {
    const api = client(t.app, patronKey);
    expect((await api.get("/api/v1/user-groups")).status).toBe(403);
    const res = await api.post("/api/v1/user-groups", { code: "MINE", name: "Mine" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    expect((await api.patch(`/api/v1/user-groups/${inst.groups.GRAD}`, { max_digitization_requests: 99 })).status).toBe(
      403,
    );
  });

  it("answers 404 for another institution's group and changes nothing there", async () => {
    const other = await makeInstitution(t.ctx);
    const api = client(t.app, adminKey);
    const read = await api.get(`/api/v1/user-groups/${other.groups.GRAD}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe("NOT_FOUND");
    expect((await api.patch(`/api/v1/user-groups/${other.groups.GRAD}`, { name: "Mine" })).status).toBe(404);
    expect((await api.delete(`/api/v1/user-groups/${other.groups.GRAD}`)).status).toBe(404);
    const row = await t.ctx.db
      .selectFrom("user_groups")
      .select("name")
      .where("id", "=", other.groups.GRAD)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe("GRAD");
  });

  it("requires authentication", async () => {
    const res = await client(t.app).get("/api/v1/user-groups");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHENTICATED");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { bibRow } from "../../test/bib-row.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

/** A request naming the user, written directly: only its existence matters here. */
async function giveRequest(inst: InstitutionFixture, userId: number, placedBy = userId): Promise<number> {
  const at = t.clock.now().toISOString();
  const bib = await t.ctx.db
    .insertInto("bibs")
    .values(bibRow(inst.id, "A title", "BOOK", at))
    .returning("id")
    .executeTakeFirstOrThrow();
  const request = await t.ctx.db
    .insertInto("requests")
    .values({
      institution_id: inst.id,
      request_type: "DIGITIZATION",
      request_sub_type: "GENERAL_DIGITIZATION",
      state: "IN_DIGITIZATION",
      is_active: 1,
      user_id: userId,
      placed_by_user_id: placedBy,
      request_source: "patron",
      bib_id: bib.id,
      item_id: null,
      library_id: inst.libraries.main,
      department_id: inst.departments.inst,
      desk_id: null,
      form: "{}",
      workflow: "{}",
      workflow_rule_id: null,
      request_date: at,
      due_at: at,
      closed_at: null,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return request.id;
}

const newUser = (over: Record<string, unknown> = {}) => ({
  primary_id: `p${Math.random().toString(36).slice(2, 10)}`,
  first_name: "Ada",
  last_name: "Lovelace",
  email: "ada@example.edu",
  user_group: "GRAD",
  preferred_language: "en",
  status: "ACTIVE",
  expiry_date: "2027-08-31",
  password: "correct horse battery",
  ...over,
});

describe("users API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let operatorKey: string;
  let patron: { id: number; apiKey: string; primaryId: string };
  let otherPatron: { id: number; apiKey: string };
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    operatorKey = (
      await makeUser(t.ctx, inst, {
        group: "STAFF",
        roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
      })
    ).apiKey;
    patron = await makeUser(t.ctx, inst);
    otherPatron = await makeUser(t.ctx, inst);
  });

  it("creates a user, never returning the password, and stores it hashed with argon2", async () => {
    const api = client(t.app, adminKey);
    const input = newUser();
    const res = await api.post("/api/v1/users", input);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      primary_id: input.primary_id,
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.edu",
      user_group: "GRAD",
      user_group_name: "GRAD",
      preferred_language: "en",
      status: "ACTIVE",
      expiry_date: "2027-08-31",
      has_password: true,
    });
    expect(JSON.stringify(res.body)).not.toContain("correct horse");
    expect(res.body).not.toHaveProperty("password");
    expect(res.body).not.toHaveProperty("password_hash");
    const row = await t.ctx.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2/);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { institution: inst.code, user_id: input.primary_id, password: input.password },
    });
    expect(login.statusCode).toBe(200);
    expect((await api.get(`/api/v1/users/${res.body.id}`)).body.primary_id).toBe(input.primary_id);
  });

  it("creates a user with only the required fields", async () => {
    const res = await client(t.app, adminKey).post("/api/v1/users", { primary_id: "minimal1", last_name: "Solo" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      first_name: "",
      email: null,
      user_group: null,
      status: "ACTIVE",
      expiry_date: null,
      has_password: false,
    });
  });

  it("refuses invalid fields, naming each, and writes nothing", async () => {
    const api = client(t.app, adminKey);
    const input = newUser({
      email: "not-an-email",
      password: "short",
      expiry_date: "2026-02-30",
      status: "GONE",
      preferred_language: "English",
    });
    const res = await api.post("/api/v1/users", input);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: any) => f.field).sort()).toEqual([
      "email",
      "expiry_date",
      "password",
      "preferred_language",
      "status",
    ]);
    expect((await api.get(`/api/v1/users?q=${input.primary_id}`)).body.users).toEqual([]);
    const unknownField = await api.post("/api/v1/users", { ...newUser(), role: "ADMIN" });
    expect(unknownField.status).toBe(400);
  });

  it("refuses a user group code that this institution does not have", async () => {
    const api = client(t.app, adminKey);
    const other = await makeInstitution(t.ctx);
    await t.ctx.db
      .insertInto("user_groups")
      .values({
        institution_id: other.id,
        code: "ONLY_THERE",
        name: "x",
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const input = newUser({ user_group: "ONLY_THERE" });
    const res = await api.post("/api/v1/users", input);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "user_group" }] });
    expect((await api.get(`/api/v1/users?q=${input.primary_id}`)).body.users).toEqual([]);
  });

  it("refuses a primary id that is already used in the institution (DUPLICATE)", async () => {
    const res = await client(t.app, adminKey).post("/api/v1/users", newUser({ primary_id: patron.primaryId }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "primary_id" }] });
  });

  it("allows the same primary id in another institution", async () => {
    const other = await makeInstitution(t.ctx);
    const otherAdmin = (await admin(t.ctx, other)).apiKey;
    const res = await client(t.app, otherAdmin).post("/api/v1/users", newUser({ primary_id: patron.primaryId }));
    expect(res.status).toBe(201);
  });

  it("changes a user; an INACTIVE user's API key stops working", async () => {
    const api = client(t.app, adminKey);
    const target = await makeUser(t.ctx, inst);
    const res = await api.patch(`/api/v1/users/${target.id}`, {
      user_group: "FACULTY",
      email: null,
      expiry_date: "2028-01-31",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_group: "FACULTY", email: null, expiry_date: "2028-01-31" });
    expect((await client(t.app, target.apiKey).get("/api/v1/users/me")).status).toBe(200);
    expect((await api.patch(`/api/v1/users/${target.id}`, { status: "INACTIVE" })).body.status).toBe("INACTIVE");
    expect((await client(t.app, target.apiKey).get("/api/v1/users/me")).status).toBe(401);
  });

  it("sets and removes a password", async () => {
    const api = client(t.app, adminKey);
    const target = await makeUser(t.ctx, inst);
    expect(
      (await api.patch(`/api/v1/users/${target.id}`, { password: "a much longer secret" })).body.has_password,
    ).toBe(true);
    expect((await api.patch(`/api/v1/users/${target.id}`, { password: null })).body.has_password).toBe(false);
    const tooShort = await api.patch(`/api/v1/users/${target.id}`, { password: "123456789" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.fields[0].field).toBe("password");
  });

  it("refuses bad changes and keeps the user as it was", async () => {
    const api = client(t.app, adminKey);
    const dup = await api.patch(`/api/v1/users/${otherPatron.id}`, { primary_id: patron.primaryId });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("DUPLICATE");
    const badGroup = await api.patch(`/api/v1/users/${otherPatron.id}`, { first_name: "Changed", user_group: "NOPE" });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.fields).toEqual([expect.objectContaining({ field: "user_group" })]);
    const after = (await api.get(`/api/v1/users/${otherPatron.id}`)).body;
    expect(after).toMatchObject({ first_name: "Test", user_group: "UNDERGRAD" });
  });

  it("lets anyone read themself, at /users/me and by id", async () => {
    const api = client(t.app, patron.apiKey);
    const me = await api.get("/api/v1/users/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: patron.id, primary_id: patron.primaryId, user_group: "UNDERGRAD" });
    expect((await api.get(`/api/v1/users/${patron.id}`)).body.id).toBe(patron.id);
  });

  it("answers 404 to a patron asking for another user, and 403 for the list", async () => {
    const api = client(t.app, patron.apiKey);
    const res = await api.get(`/api/v1/users/${otherPatron.id}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    expect((await api.patch(`/api/v1/users/${otherPatron.id}`, { first_name: "X" })).status).toBe(404);
    expect((await api.delete(`/api/v1/users/${otherPatron.id}`)).status).toBe(404);
    expect((await api.get("/api/v1/users")).status).toBe(403);
  });

  it("refuses a patron changing even themself", async () => {
    const res = await client(t.app, patron.apiKey).patch(`/api/v1/users/${patron.id}`, { user_group: "FACULTY" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
  });

  it("lets a Fulfillment Services Operator read users but not change them", async () => {
    const api = client(t.app, operatorKey);
    expect((await api.get(`/api/v1/users/${patron.id}`)).status).toBe(200);
    expect((await api.get("/api/v1/users")).status).toBe(200);
    expect((await api.patch(`/api/v1/users/${patron.id}`, { first_name: "X" })).status).toBe(403);
    expect((await api.post("/api/v1/users", newUser())).status).toBe(403);
    expect((await api.delete(`/api/v1/users/${patron.id}`)).status).toBe(403);
  });

  it("deletes a user without requests, with their keys; refuses one with requests (IN_USE)", async () => {
    const api = client(t.app, adminKey);
    const spare = await makeUser(t.ctx, inst);
    expect((await api.delete(`/api/v1/users/${spare.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/users/${spare.id}`)).status).toBe(404);
    expect((await client(t.app, spare.apiKey).get("/api/v1/users/me")).status).toBe(401);

    const requester = await makeUser(t.ctx, inst);
    await giveRequest(inst, requester.id);
    const refused = await api.delete(`/api/v1/users/${requester.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("IN_USE");
    expect(refused.body.message).toMatch(/INACTIVE/);
    expect((await api.get(`/api/v1/users/${requester.id}`)).status).toBe(200);
  });

  it("refuses to delete a staff user who placed a request for someone else or acted in its history, naming each", async () => {
    const api = client(t.app, adminKey);
    const patron = await makeUser(t.ctx, inst);
    const placer = await makeUser(t.ctx, inst);
    await giveRequest(inst, patron.id, placer.id);
    const placed = await api.delete(`/api/v1/users/${placer.id}`);
    expect(placed.status).toBe(409);
    expect(placed.body.details).toEqual({ used_by: ["requests placed for others"] });

    const actor = await makeUser(t.ctx, inst);
    const requestId = await giveRequest(inst, patron.id);
    await t.ctx.db
      .insertInto("request_events")
      .values({
        institution_id: inst.id,
        request_id: requestId,
        at: t.clock.now().toISOString(),
        actor_user_id: actor.id,
        action: "NOTE",
        from_state: null,
        to_state: null,
        reason: null,
        note: "checked",
        data: "{}",
      })
      .execute();
    const acted = await api.delete(`/api/v1/users/${actor.id}`);
    expect(acted.status).toBe(409);
    expect(acted.body.details).toEqual({ used_by: ["request history"] });
    expect((await api.get(`/api/v1/users/${actor.id}`)).status).toBe(200);
  });

  it("answers 404 for another institution's user and changes nothing there", async () => {
    const other = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, other);
    const api = client(t.app, adminKey);
    expect((await api.get(`/api/v1/users/${stranger.id}`)).status).toBe(404);
    expect((await api.patch(`/api/v1/users/${stranger.id}`, { status: "INACTIVE" })).status).toBe(404);
    expect((await api.delete(`/api/v1/users/${stranger.id}`)).status).toBe(404);
    expect((await client(t.app, stranger.apiKey).get("/api/v1/users/me")).body.status).toBe("ACTIVE");
  });

  it("requires authentication", async () => {
    expect((await client(t.app).get("/api/v1/users/me")).status).toBe(401);
    expect((await client(t.app).get("/api/v1/users")).status).toBe(401);
  });
});

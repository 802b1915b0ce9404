import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeUser, type InstitutionFixture, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { hashPassword } from "./login.js";

const t = useTestApp();
const PASSWORD = "a long enough password";

interface Session {
  cookie: string;
  csrf: string;
}

async function login(institution: string, userId: string, password: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { institution, user_id: userId, password },
  });
  return { status: res.statusCode, body: res.json(), setCookie: res.headers["set-cookie"] };
}

async function signIn(inst: InstitutionFixture, user: UserFixture): Promise<Session> {
  const res = await login(inst.code, user.primaryId, PASSWORD);
  expect(res.status).toBe(200);
  const raw = Array.isArray(res.setCookie) ? res.setCookie[0]! : String(res.setCookie);
  return { cookie: raw.split(";")[0]!, csrf: res.body.csrf_token };
}

const withSession = (
  s: Session,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  opts: { csrf?: boolean; payload?: object } = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: s.cookie, ...(opts.csrf ? { "x-csrf-token": s.csrf } : {}) },
    ...(opts.payload ? { payload: opts.payload } : {}),
  });

describe("sessions", () => {
  let inst: InstitutionFixture;
  let user: UserFixture;
  let passwordHash: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    passwordHash = await hashPassword(PASSWORD);
    user = await makeUser(t.ctx, inst, { passwordHash });
  });

  it("sets an HttpOnly, SameSite=Lax session cookie on login", async () => {
    const res = await login(inst.code, user.primaryId, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: user.id, csrf_token: expect.any(String) });
    const cookie = String(res.setCookie);
    expect(cookie).toMatch(/^recto_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it("authenticates reads by the cookie alone", async () => {
    const s = await signIn(inst, user);
    const res = await withSession(s, "GET", "/api/v1/users/me");
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(user.id);
  });

  it("refuses a cookie-authenticated write without x-csrf-token and changes nothing; accepts it with", async () => {
    const s = await signIn(inst, user);
    const url = `/api/v1/users/${user.id}/api-keys`;
    const count = async () => (await client(t.app, user.apiKey).get(url)).body.api_keys.length;
    const before = await count();
    const refused = await withSession(s, "POST", url, { payload: { label: "from the browser" } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("CSRF_TOKEN_INVALID");
    const wrong = await t.app.inject({
      method: "POST",
      url,
      headers: { cookie: s.cookie, "x-csrf-token": `${s.csrf}x` },
      payload: { label: "from the browser" },
    });
    expect(wrong.statusCode).toBe(403);
    expect(await count()).toBe(before);
    const accepted = await withSession(s, "POST", url, { csrf: true, payload: { label: "from the browser" } });
    expect(accepted.statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it("gives the same 401 INVALID_CREDENTIALS for a wrong password and an unknown user", async () => {
    const wrong = await login(inst.code, user.primaryId, "not the password");
    const unknown = await login(inst.code, "no-such-user", PASSWORD);
    const otherInst = await login("NO_SUCH_INST", user.primaryId, PASSWORD);
    for (const res of [wrong, unknown, otherInst]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("INVALID_CREDENTIALS");
      expect(res.setCookie).toBeUndefined();
    }
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.message).toBe(otherInst.body.message);
  });

  it("refuses an INACTIVE user's login with the same answer", async () => {
    const inactive = await makeUser(t.ctx, inst, { passwordHash, status: "INACTIVE" });
    const res = await login(inst.code, inactive.primaryId, PASSWORD);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("INVALID_CREDENTIALS");
  });

  it("ends an open session when the user is made INACTIVE", async () => {
    const soon = await makeUser(t.ctx, inst, { passwordHash });
    const s = await signIn(inst, soon);
    await t.ctx.db.updateTable("users").set({ status: "INACTIVE" }).where("id", "=", soon.id).execute();
    expect((await withSession(s, "GET", "/api/v1/users/me")).statusCode).toBe(401);
  });

  it("ends the session on logout", async () => {
    const s = await signIn(inst, user);
    const out = await withSession(s, "POST", "/api/v1/auth/logout", { csrf: true });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/recto_session=;/);
    const after = await withSession(s, "GET", "/api/v1/users/me");
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe("UNAUTHENTICATED");
  });

  it("expires a session after its time to live", async () => {
    const s = await signIn(inst, user);
    const start = t.clock.now();
    t.clock.set(new Date(start.getTime() + (t.config.sessionTtlHours + 1) * 3_600_000));
    try {
      expect((await withSession(s, "GET", "/api/v1/users/me")).statusCode).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });

  it("refuses a revoked API key with 401", async () => {
    const issued = await client(t.app, user.apiKey).post(`/api/v1/users/${user.id}/api-keys`, { label: "temp" });
    expect((await client(t.app, issued.body.key).get("/api/v1/users/me")).status).toBe(200);
    await client(t.app, user.apiKey).delete(`/api/v1/users/${user.id}/api-keys/${issued.body.id}`);
    const res = await client(t.app, issued.body.key).get("/api/v1/users/me");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHENTICATED");
  });
});

describe("a password change ends the user's other sessions", () => {
  let inst: InstitutionFixture;
  let passwordHash: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    passwordHash = await hashPassword(PASSWORD);
  });
  const newAdmin = () => makeUser(t.ctx, inst, { passwordHash, roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }] });
  const me = async (s: Session) => (await withSession(s, "GET", "/api/v1/users/me")).statusCode;

  it.each([
    ["changes", "a brand new password"],
    ["removes", null],
  ])("keeps the session that %s its own password and ends the others", async (_, password) => {
    const admin = await newAdmin();
    const changing = await signIn(inst, admin);
    const other = await signIn(inst, admin);
    const res = await withSession(changing, "PATCH", `/api/v1/users/${admin.id}`, {
      csrf: true,
      payload: { password },
    });
    expect(res.statusCode).toBe(200);
    expect(await me(other)).toBe(401);
    expect(await me(changing)).toBe(200);
  });

  it("ends every session of the user when an administrator changes the password (by API key)", async () => {
    const admin = await newAdmin();
    const target = await makeUser(t.ctx, inst, { passwordHash });
    const first = await signIn(inst, target);
    const second = await signIn(inst, target);
    const res = await client(t.app, admin.apiKey).patch(`/api/v1/users/${target.id}`, {
      password: "chosen by the administrator",
    });
    expect(res.status).toBe(200);
    expect(await me(first)).toBe(401);
    expect(await me(second)).toBe(401);
    expect((await login(inst.code, target.primaryId, "chosen by the administrator")).status).toBe(200);
  });

  it("ends every session of the user, and none of the administrator's, when changed from an administrator's session", async () => {
    const admin = await newAdmin();
    const adminSession = await signIn(inst, admin);
    const target = await makeUser(t.ctx, inst, { passwordHash });
    const targetSession = await signIn(inst, target);
    const res = await withSession(adminSession, "PATCH", `/api/v1/users/${target.id}`, {
      csrf: true,
      payload: { password: null },
    });
    expect(res.statusCode).toBe(200);
    expect(await me(targetSession)).toBe(401);
    expect(await me(adminSession)).toBe(200);
  });

  it("leaves sessions alone when a change does not touch the password", async () => {
    const admin = await newAdmin();
    const target = await makeUser(t.ctx, inst, { passwordHash });
    const targetSession = await signIn(inst, target);
    expect(
      (await client(t.app, admin.apiKey).patch(`/api/v1/users/${target.id}`, { first_name: "Renamed" })).status,
    ).toBe(200);
    expect(await me(targetSession)).toBe(200);
  });

  it("changes nothing, sessions included, when the change is refused", async () => {
    const admin = await newAdmin();
    const taken = await makeUser(t.ctx, inst, { passwordHash });
    const target = await makeUser(t.ctx, inst, { passwordHash });
    const targetSession = await signIn(inst, target);
    const res = await client(t.app, admin.apiKey).patch(`/api/v1/users/${target.id}`, {
      password: "never stored at all",
      primary_id: taken.primaryId,
    });
    expect(res.status).toBe(409);
    expect(await me(targetSession)).toBe(200);
    expect((await login(inst.code, target.primaryId, PASSWORD)).status).toBe(200);
  });
});

describe("who is signed in, for the web pages", () => {
  it("GET /auth/me gives the name to greet and the preferred language to speak", async () => {
    const inst = await makeInstitution(t.ctx);
    const user = await makeUser(t.ctx, inst, { passwordHash: await hashPassword(PASSWORD) });
    const session = await signIn(inst, user);
    const before = await withSession(session, "GET", "/api/v1/auth/me");
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      primary_id: user.primaryId,
      name: `Test ${user.primaryId}`,
      preferred_language: null,
    });
    await t.ctx.db.updateTable("users").set({ preferred_language: "de" }).where("id", "=", user.id).execute();
    const after = await withSession(session, "GET", "/api/v1/auth/me");
    expect(after.json().preferred_language).toBe("de");
  });
});

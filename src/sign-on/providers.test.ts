import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { admin, makeInstitution, makeUser, type InstitutionFixture, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { hashPassword } from "../people/login.js";
import { secretBox } from "../secrets/secrets-key.js";
import { SecretNotOpened, secretBoxOf } from "../shared/secret-box.js";

const t = useTestApp({ publicUrl: "https://recto.example" });
let inst: InstitutionFixture;
let gsa: UserFixture;

/** The client secret as the provider's row holds it. */
async function storedClientSecret(providerId: number): Promise<string> {
  const row = await t.ctx.db
    .selectFrom("identity_providers")
    .select("settings")
    .where("id", "=", providerId)
    .executeTakeFirstOrThrow();
  return (JSON.parse(row.settings) as { client_secret: string }).client_secret;
}

const body = (over: Record<string, unknown> = {}) => ({
  code: "CAMPUS",
  label: "Campus account",
  protocol: "oidc",
  create_accounts: true,
  settings: {
    issuer: "https://idp.campus.example",
    client_id: "recto",
    client_secret: "s3cret",
    scopes: ["openid", "email"],
  },
  mapping: {
    primary_id: "uid",
    email: "mail",
    user_group: {
      attribute: "eduPersonAffiliation",
      rules: [{ value: "student", user_group_code: "UNDERGRAD" }],
      default_user_group_code: null,
    },
  },
  ...over,
});

const call = (method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH", url: string, payload?: object, key = gsa.apiKey) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  gsa = await admin(t.ctx, inst);
});

describe("identity providers, administered through the API", () => {
  let id: number;

  it("adds a provider, withholding its client secret and giving the callback address to register", async () => {
    const res = await call("POST", "/api/v1/identity-providers", body());
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Record<string, unknown>;
    id = p.id as number;
    expect(p).toMatchObject({
      code: "CAMPUS",
      protocol: "oidc",
      enabled: true,
      client_secret_set: true,
      redirect_uri: `https://recto.example/auth/sso/${inst.code}/CAMPUS/callback`,
      metadata_url: null,
      settings: { issuer: "https://idp.campus.example", client_id: "recto" },
    });
    expect(JSON.stringify(p)).not.toContain("s3cret");
  });

  it("refuses a mapping naming a user group the institution lacks, at the field", async () => {
    const bad = body({ code: "OTHER" });
    bad.mapping.user_group.rules = [{ value: "alum", user_group_code: "NO_SUCH_GROUP" }];
    const res = await call("POST", "/api/v1/identity-providers", bad);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ fields: [{ field: "mapping.user_group.rules.0.user_group_code" }] });
  });

  it("refuses a second provider with the same code", async () => {
    expect((await call("POST", "/api/v1/identity-providers", body())).statusCode).toBe(409);
  });

  it("keeps the stored client secret when a change sends none", async () => {
    const change = body({ label: "University account" });
    change.settings = { ...change.settings, client_secret: undefined as unknown as string };
    const res = await call("PUT", `/api/v1/identity-providers/${id}`, change);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ label: "University account", client_secret_set: true });
    const stored = await storedClientSecret(id);
    expect(secretBox(t.config).open(stored, "oidc-client-secret")).toBe("s3cret");
  });

  it("stores the client secret sealed: the row does not hold it in clear, and it opens with the secrets key only", async () => {
    const stored = await storedClientSecret(id);
    expect(stored).not.toContain("s3cret");
    expect(stored).toMatch(/^rs1:[0-9a-f]{16}:/);
    expect(secretBox(t.config).open(stored, "oidc-client-secret")).toBe("s3cret");
    expect(() => secretBoxOf(randomBytes(32)).open(stored, "oidc-client-secret")).toThrow(SecretNotOpened);
    // A sealed value is bound to its purpose: a client secret cannot stand for a private key.
    expect(() => secretBox(t.config).open(stored, "saml-sp-private-key")).toThrow(SecretNotOpened);
  });

  it("takes the longest client secret the API allows, in characters of three bytes, and reads it back sealed", async () => {
    const long = "€".repeat(500);
    const sent = body({ code: "LONG" });
    sent.settings = { ...sent.settings, client_secret: long };
    const res = await call("POST", "/api/v1/identity-providers", sent);
    expect(res.statusCode, res.body).toBe(201);
    const longId = (res.json() as { id: number }).id;
    expect((await call("GET", `/api/v1/identity-providers/${longId}`)).statusCode).toBe(200);
    expect(secretBox(t.config).open(await storedClientSecret(longId), "oidc-client-secret")).toBe(long);
    expect((await call("DELETE", `/api/v1/identity-providers/${longId}`)).statusCode).toBe(204);
  });

  it("lists the enabled providers as sign-in buttons for anyone", async () => {
    await call("POST", "/api/v1/identity-providers", body({ code: "ALUMNI", label: "Alumni", enabled: false }));
    const res = await t.app.inject({ method: "GET", url: `/api/v1/auth/providers?institution=${inst.code}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      patron_local_passwords: true,
      providers: [
        {
          code: "CAMPUS",
          label: "University account",
          protocol: "oidc",
          start_url: `/auth/sso/${inst.code}/CAMPUS/start`,
        },
      ],
    });
  });

  it("is not for staff without user management", async () => {
    const operator = await makeUser(t.ctx, inst, { roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    expect((await call("GET", "/api/v1/identity-providers", undefined, operator.apiKey)).statusCode).toBe(403);
    expect((await call("DELETE", `/api/v1/identity-providers/${id}`, undefined, operator.apiKey)).statusCode).toBe(403);
  });

  it("removes a provider", async () => {
    expect((await call("DELETE", `/api/v1/identity-providers/${id}`)).statusCode).toBe(204);
    expect((await call("GET", `/api/v1/identity-providers/${id}`)).statusCode).toBe(404);
  });
});

describe("the institution's switch for patrons' passwords", () => {
  it("refuses a patron's password sign-in when off, while staff still sign in with theirs", async () => {
    const passwordHash = await hashPassword("correct horse battery");
    const patron = await makeUser(t.ctx, inst, { passwordHash });
    const staff = await makeUser(t.ctx, inst, { passwordHash, roles: [{ role: "LETTER_ADMINISTRATOR" }] });
    const login = (user_id: string, password = "correct horse battery") =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { institution: inst.code, user_id, password },
      });

    expect((await login(patron.primaryId)).statusCode).toBe(200);
    const off = await call("PATCH", "/api/v1/institution", { patron_local_passwords: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ patron_local_passwords: false });

    const refused = await login(patron.primaryId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "PASSWORD_SIGN_IN_OFF" });
    // a wrong password is told as before: the switch reveals nothing to whoever lacks the password
    expect((await login(patron.primaryId, "wrong password")).json()).toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect((await login(staff.primaryId)).statusCode).toBe(200);
    const buttons = await t.app.inject({ method: "GET", url: `/api/v1/auth/providers?institution=${inst.code}` });
    expect(buttons.json()).toMatchObject({ patron_local_passwords: false });

    await call("PATCH", "/api/v1/institution", { patron_local_passwords: true });
    expect((await login(patron.primaryId)).statusCode).toBe(200);
  });
});

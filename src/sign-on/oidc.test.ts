import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { startTestOidcProvider, TEST_ACCOUNTS, type TestOidcProvider } from "../../test/oidc-provider.js";
import { oidcWalk } from "../../test/oidc-walk.js";
import { createLogger } from "../server/logger.js";
import type { AttributeMapping } from "./provider-model.js";
import { insertProvider } from "./providers-repository.js";
import { secretBox } from "../secrets/secrets-key.js";

const lines: string[] = [];
const t = useTestApp(
  { publicUrl: "http://recto.test" },
  { log: () => createLogger("info", { write: (line: string) => void lines.push(line) }) },
);

const mapping: AttributeMapping = {
  primary_id: "uid",
  match_by: "primary_id",
  email: "email",
  first_name: "given_name",
  last_name: "family_name",
  preferred_language: "locale",
  user_group: {
    attribute: "eduPersonAffiliation",
    rules: [
      { value: "faculty", user_group_code: "FACULTY" },
      { value: "student", user_group_code: "UNDERGRAD" },
    ],
    default_user_group_code: null,
  },
};

const CODES = ["campus", "closed", "nocreate", "down"] as const;
let inst: InstitutionFixture;
let idp: TestOidcProvider;
const accounts = structuredClone(TEST_ACCOUNTS);

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  idp = await startTestOidcProvider({
    redirectUris: CODES.map((c) => `${t.config.publicUrl}/auth/sso/${inst.code}/${c}/callback`),
    postLogoutRedirectUris: [`${t.config.publicUrl}/`],
    accounts,
  });
  const at = t.clock.now().toISOString();
  const settings = {
    issuer: idp.issuer,
    client_id: idp.clientId,
    // stored sealed, as the API stores it
    client_secret: secretBox(t.config).seal(idp.clientSecret, "oidc-client-secret"),
    scopes: ["openid", "profile", "email", "affiliation"],
  };
  const base = { protocol: "oidc" as const, settings, mapping, sort_order: 0 };
  await insertProvider(
    t.ctx.db,
    inst.id,
    { ...base, code: "campus", label: "Campus account", enabled: true, create_accounts: true },
    at,
  );
  await insertProvider(
    t.ctx.db,
    inst.id,
    { ...base, code: "closed", label: "Closed", enabled: false, create_accounts: true },
    at,
  );
  await insertProvider(
    t.ctx.db,
    inst.id,
    { ...base, code: "nocreate", label: "Existing only", enabled: true, create_accounts: false },
    at,
  );
  // A provider whose address answers nothing (port 9 of this machine: nothing listens there).
  await insertProvider(
    t.ctx.db,
    inst.id,
    {
      ...base,
      settings: { ...settings, issuer: "http://127.0.0.1:9/oidc" },
      code: "down",
      label: "Down",
      enabled: true,
      create_accounts: true,
    },
    at,
  );
});
afterAll(async () => idp?.close());
beforeEach(() => {
  lines.length = 0;
  idp.tamperIdToken = null;
});

const start = (code: string, ret = `/i/${inst.code}/titles/1`) =>
  `/auth/sso/${inst.code}/${code}/start?app=patron&return=${encodeURIComponent(ret)}`;

/** Users, sessions and sign-in records of the institution, and every user's row: what a refusal must leave as it was. */
async function snapshot() {
  const db = t.ctx.db;
  const users = await db.selectFrom("users").selectAll().where("institution_id", "=", inst.id).orderBy("id").execute();
  const count = async (table: "sessions" | "sign_on_events" | "role_assignments") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("institution_id", "=", inst.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users,
    sessions: await count("sessions"),
    events: await count("sign_on_events"),
    roles: await count("role_assignments"),
  };
}

const userByPrimaryId = (primaryId: string) =>
  t.ctx.db
    .selectFrom("users as u")
    .leftJoin("user_groups as g", "g.id", "u.user_group_id")
    .select([
      "u.id",
      "u.email",
      "u.first_name",
      "u.last_name",
      "u.preferred_language",
      "u.password_hash",
      "g.code as group",
    ])
    .where("u.institution_id", "=", inst.id)
    .where("u.primary_id", "=", primaryId)
    .executeTakeFirst();

const me = (cookie: string) =>
  t.app.inject({ method: "GET", url: "/api/v1/auth/me", cookies: { recto_session: cookie } });

/** The refusal page and the administrator's log line, with nothing created or changed. */
async function expectRefused(
  walk: () => Promise<{
    status: number;
    body: string;
    contentType: string;
    sessionCookie?: string | undefined;
    headers: Record<string, unknown>;
  }>,
  reason: string,
  said?: string,
) {
  const before = await snapshot();
  const res = await walk();
  expect(res.status, res.body.slice(0, 300)).toBe(403);
  expect(res.contentType).toMatch(/^text\/html/);
  expect(res.body).toContain("<h1>Sign-in did not work</h1>");
  expect(res.body).toContain(`href="/i/${inst.code}/sign-in"`);
  if (said) expect(res.body).toContain(said);
  expect(String(res.headers["content-security-policy"])).toContain("default-src 'none'");
  expect(res.sessionCookie).toBeUndefined();
  const logged = lines
    .map((l) => JSON.parse(l) as { msg: string; signOn?: Record<string, unknown> })
    .filter((l) => l.signOn?.reason);
  expect(logged).toHaveLength(1);
  expect(logged[0]!.signOn).toMatchObject({ institution: inst.code, reason });
  // never a token, an authorization code or the state in the log
  expect(lines.join("\n")).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}|(code|state)=(?!\[REDACTED\])/);
  expect(await snapshot()).toEqual(before);
}

describe("signing in through an OpenID provider", () => {
  it("creates the patron with the mapped group and fields, opens a session and lands on the return path", async () => {
    const res = await oidcWalk(t, start("campus"), "student");
    expect(res.status, res.body).toBe(303);
    expect(res.location).toBe(`/i/${inst.code}/titles/1`);
    expect(res.sessionCookie).toBeTruthy();
    const user = await userByPrimaryId("jdoe");
    expect(user).toMatchObject({
      email: "jdoe@campus.example",
      first_name: "Jane",
      last_name: "Doe",
      preferred_language: "fr",
      group: "UNDERGRAD",
      password_hash: null,
    });
    const who = await me(res.sessionCookie!);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ primary_id: "jdoe", roles: [] });
    const events = await t.ctx.db.selectFrom("sign_on_events").selectAll().where("user_id", "=", user!.id).execute();
    expect(events).toMatchObject([{ account_created: 1 }]);
  });

  it("updates the mapped attributes at the next sign-in, without a second account", async () => {
    accounts.student!.claims = {
      ...accounts.student!.claims,
      email: "jane.doe@campus.example",
      family_name: "Doe-Smith",
    };
    const res = await oidcWalk(t, start("campus"), "student");
    expect(res.status, res.body).toBe(303);
    const user = await userByPrimaryId("jdoe");
    expect(user).toMatchObject({ email: "jane.doe@campus.example", last_name: "Doe-Smith", group: "UNDERGRAD" });
    const events = await t.ctx.db
      .selectFrom("sign_on_events")
      .selectAll()
      .where("user_id", "=", user!.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => [e.account_created, JSON.parse(e.changed_fields)])).toEqual([
      [1, expect.any(Array)],
      [0, ["last_name", "email"]],
    ]);
  });

  it("lets existing staff keep their roles; the attribute maps their group only", async () => {
    const staff = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }] });
    await t.ctx.db.updateTable("users").set({ primary_id: "pprof" }).where("id", "=", staff.id).execute();
    const res = await oidcWalk(t, start("nocreate"), "faculty");
    expect(res.status, res.body).toBe(303);
    const who = (await me(res.sessionCookie!)).json() as { user_id: number; roles: { role: string }[] };
    expect(who.user_id).toBe(staff.id);
    expect(who.roles.map((r) => r.role)).toEqual(["GENERAL_SYSTEM_ADMINISTRATOR"]);
    expect(await userByPrimaryId("pprof")).toMatchObject({ group: "FACULTY" });
  });

  it("ends the provider's session too at sign-out (RP-initiated logout)", async () => {
    const res = await oidcWalk(t, start("campus"), "student");
    const session = await me(res.sessionCookie!);
    const csrf = await t.ctx.db
      .selectFrom("sessions")
      .select("csrf_token")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(session.statusCode).toBe(200);
    const out = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      cookies: { recto_session: res.sessionCookie! },
      headers: { "x-csrf-token": csrf.csrf_token },
    });
    expect(out.statusCode).toBe(200);
    const url = new URL((out.json() as { end_session_url: string }).end_session_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(`${t.config.publicUrl}/`);
    expect((await me(res.sessionCookie!)).statusCode).toBe(401);
  });
});

describe("a sign-in through an OpenID provider is refused, with a clear page and a log line, changing nothing", () => {
  it("when the state at the callback is not the one sent", async () => {
    await expectRefused(
      () =>
        oidcWalk(t, start("campus"), "student", {
          beforeCallback: (cb) => void cb.searchParams.set("state", "tampered-state-value"),
        }),
      "invalid_state",
    );
  });

  it("when the callback comes without any state", async () => {
    await expectRefused(
      () => oidcWalk(t, start("campus"), "student", { beforeCallback: (cb) => void cb.searchParams.delete("state") }),
      "invalid_state",
    );
  });

  it("when the ID token's nonce is not the one sent", async () => {
    await expectRefused(
      () =>
        oidcWalk(t, start("campus"), "student", {
          beforeCallback: async () => {
            await t.ctx.db
              .updateTable("sign_on_states")
              .set({ nonce: "another-nonce" })
              .where("institution_id", "=", inst.id)
              .execute();
          },
        }),
      "invalid_response",
    );
  });

  it("when the ID token names another issuer", async () => {
    idp.tamperIdToken = (claims) => ({ ...claims, iss: "http://127.0.0.1:1/unknown-issuer" });
    await expectRefused(() => oidcWalk(t, start("campus"), "student"), "invalid_response");
  });

  it("when the ID token is for another audience", async () => {
    idp.tamperIdToken = (claims) => ({ ...claims, aud: "another-client" });
    await expectRefused(() => oidcWalk(t, start("campus"), "student"), "invalid_response");
  });

  it("when the provider sends no primary id", async () => {
    await expectRefused(() => oidcWalk(t, start("campus"), "anonymous"), "no_primary_id");
  });

  it("when no rule of the mapping matches and the default is refuse", async () => {
    await expectRefused(() => oidcWalk(t, start("campus"), "alum"), "no_group_matched");
  });

  it("when the person has no account and the provider may not create one", async () => {
    accounts.student!.claims = { ...accounts.student!.claims, uid: "newcomer" };
    try {
      await expectRefused(() => oidcWalk(t, start("nocreate"), "student"), "no_account");
    } finally {
      accounts.student!.claims = { ...accounts.student!.claims, uid: "jdoe" };
    }
  });

  it("when the provider is switched off", async () => {
    await expectRefused(() => oidcWalk(t, start("closed"), "student"), "provider_disabled");
  });

  it("when the provider cannot be reached, saying so rather than blaming its answer", async () => {
    await expectRefused(
      () => oidcWalk(t, start("down"), "student"),
      "provider_unreachable",
      "sign-in service could not be reached",
    );
  });

  it("when the provider is unknown", async () => {
    await expectRefused(() => oidcWalk(t, start("nosuch"), "student"), "unknown_provider");
  });

  it.each([["//evil.example/"], ["https://evil.example/"], ["/\\evil.example"], ["relative/path"]])(
    "when the return address %s is not a path of this site (no open redirect)",
    async (ret) => {
      await expectRefused(() => oidcWalk(t, start("campus", ret), "student"), "invalid_return");
    },
  );

  it("in the language the browser asks for", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: start("closed"),
      headers: { "accept-language": "de-CH,de;q=0.9" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<html lang="de">');
    expect(res.body).toContain("Die Anmeldung hat nicht geklappt");
  });
});

import { inflateRawSync } from "node:zlib";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { makeInstitution, type InstitutionFixture } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { IDP_SLO as SLO, IDP_SSO as SSO, insertSamlProvider } from "../../../test/saml-provider.js";
import {
  OTHER_CERT,
  OTHER_KEY,
  readAuthnRequest,
  samlResponse,
  samlResponseXml,
  type ResponseOptions,
  type TestPerson,
} from "../../../test/saml-idp.js";
import { SAML_CLOCK_SKEW_MS } from "./check-saml-response.js";

/*
 * SAML sign-in through the ACS, on the real app and database: a response signed by the test
 * identity provider signs the person in with the mapped group; every bad answer gets the clear
 * page and one log line, and creates or changes nothing.
 */

const logLines: Record<string, unknown>[] = [];
const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
const t = useTestApp({ publicUrl: "https://recto.test" }, { log });

const ada: TestPerson = {
  eppn: "ada@uni.example",
  affiliations: ["member", "student"],
  mail: "ada@uni.example",
  givenName: "Ada",
  sn: "Lovelace",
  preferredLanguage: "fr",
};

let inst: InstitutionFixture;
let base: string;

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  base = `/auth/saml/${inst.code}/campus`;
  await insertSamlProvider(t, inst.id, "campus");
});

const acsUrl = () => `https://recto.test${base}/acs`;
const entityId = () => `https://recto.test${base}/metadata`;

/** An AuthnRequest begun by the sign-in button's address; answers its id. */
async function begin(returnPath = "/titles/7"): Promise<string> {
  const res = await t.app.inject({
    method: "GET",
    url: `/auth/sso/${inst.code}/campus/start?app=patron&return=${encodeURIComponent(returnPath)}`,
  });
  expect(res.statusCode).toBe(303);
  const url = String(res.headers.location);
  const request = readAuthnRequest(url);
  expect(url.startsWith(`${SSO}?`)).toBe(true);
  expect(request.acsUrl).toBe(acsUrl());
  expect(request.issuer).toBe(entityId());
  expect(request.destination).toBe(SSO);
  expect(new URL(url).searchParams.get("RelayState")).toBe(`patron:${returnPath}`);
  return request.id;
}

const answer = async (o: Partial<ResponseOptions> & { person?: TestPerson } = {}) =>
  samlResponse({
    person: ada,
    audience: entityId(),
    recipient: acsUrl(),
    inResponseTo: await begin(),
    now: t.clock.now(),
    ...o,
  });

const post = (samlResponseValue: string, relayState = "patron:/titles/7") =>
  t.app.inject({
    method: "POST",
    url: `${base}/acs`,
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
    payload: new URLSearchParams({ SAMLResponse: samlResponseValue, RelayState: relayState }).toString(),
  });

async function userOf(primaryId: string) {
  return t.ctx.db
    .selectFrom("users")
    .selectAll()
    .where("institution_id", "=", inst.id)
    .where("primary_id", "=", primaryId)
    .executeTakeFirst();
}

/** Everything a sign-in writes, so a refusal can be shown to write none of it. */
async function footprint() {
  const count = async (table: "users" | "sessions" | "sign_on_events") =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("institution_id", "=", inst.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const users = await t.ctx.db.selectFrom("users").selectAll().where("institution_id", "=", inst.id).execute();
  return {
    users: await count("users"),
    sessions: await count("sessions"),
    events: await count("sign_on_events"),
    rows: JSON.stringify(users),
  };
}

const refusalLines = () =>
  logLines.filter((l) => typeof l.msg === "string" && l.msg.startsWith("sign-in through an identity provider"));

/** Posts a bad answer: the page for the person, a log line naming the reason, nothing written. */
async function expectRefused(samlResponseValue: string, detail: RegExp, page = /could not be checked/) {
  const before = await footprint();
  const lines = refusalLines().length;
  const res = await post(samlResponseValue);
  expect(res.statusCode).toBe(403);
  expect(res.headers["content-type"]).toMatch(/^text\/html/);
  expect(res.headers["set-cookie"]).toBeUndefined();
  expect(res.body).toMatch(page);
  expect(res.body).toContain(`/i/${inst.code}/sign-in`);
  const logged = refusalLines().slice(lines);
  expect(logged).toHaveLength(1);
  expect(JSON.stringify(logged[0])).toMatch(detail);
  expect(await footprint()).toEqual(before);
}

describe("SAML sign-in at the ACS", () => {
  it("publishes the service provider metadata with the entity id and the ACS", async () => {
    const res = await t.app.inject({ method: "GET", url: `${base}/metadata` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/samlmetadata\+xml/);
    expect(res.body).toContain(`entityID="${entityId()}"`);
    expect(res.body).toContain(`Location="${acsUrl()}"`);
    expect(res.body).toContain('WantAssertionsSigned="true"');
    const unknown = await t.app.inject({ method: "GET", url: `/auth/saml/${inst.code}/nope/metadata` });
    expect(unknown.statusCode).toBe(404);
  });

  it("creates the account with the mapped group, then brings it up to date at the next sign-in", async () => {
    const res = await post(await answer());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/titles/7");
    expect(String(res.headers["set-cookie"])).toMatch(/recto_session=/);
    const user = await userOf("ada@uni.example");
    expect(user).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@uni.example",
      preferred_language: "fr",
      user_group_id: inst.groups.UNDERGRAD,
    });

    const again = await post(
      await answer({ person: { ...ada, affiliations: ["faculty"], sn: "King" } }),
      "staff:/staff",
    );
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe("/staff");
    expect(await userOf("ada@uni.example")).toMatchObject({
      id: user!.id,
      last_name: "King",
      user_group_id: inst.groups.FACULTY,
    });
  });

  it("never redirects to another site, whatever the RelayState says", async () => {
    const res = await post(await answer({ person: { ...ada, eppn: "bob@uni.example" } }), "patron://evil.example/");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/i/${inst.code}/`);
  });

  it("refuses a tampered signature", async () => {
    const xml = samlResponseXml({
      person: { ...ada, eppn: "mallory@uni.example" },
      audience: entityId(),
      recipient: acsUrl(),
      inResponseTo: await begin(),
      now: t.clock.now(),
    }).replace(">student<", ">faculty<");
    await expectRefused(Buffer.from(xml).toString("base64"), /SAML bad_signature/);
    await expectRefused(
      await answer({ person: { ...ada, eppn: "mallory@uni.example" }, key: OTHER_KEY, cert: OTHER_CERT }),
      /SAML bad_signature/,
    );
  });

  it("refuses an unsigned answer when signing is required", async () => {
    await expectRefused(await answer({ person: { ...ada, eppn: "eve@uni.example" }, sign: "none" }), /SAML unsigned/);
    await expectRefused(
      await answer({ person: { ...ada, eppn: "eve@uni.example" }, sign: "response" }),
      /SAML bad_signature/,
    );
  });

  it("refuses a wrong audience or recipient, and an unknown issuer", async () => {
    const eve = { ...ada, eppn: "eve@uni.example" };
    await expectRefused(await answer({ person: eve, audience: "https://other.example/sp" }), /SAML wrong_audience/);
    await expectRefused(
      await answer({ person: eve, recipient: "https://other.example/acs", destination: acsUrl() }),
      /SAML wrong_recipient/,
    );
    await expectRefused(
      await answer({ person: eve, issuer: "https://evil.example/idp/shibboleth" }),
      /SAML wrong_issuer/,
    );
  });

  it("refuses an answer outside its validity window and the minute of skew", async () => {
    const now = t.clock.now().getTime();
    const eve = { ...ada, eppn: "eve@uni.example" };
    await expectRefused(
      await answer({ person: eve, notOnOrAfter: new Date(now - SAML_CLOCK_SKEW_MS - 1_000) }),
      /SAML expired/,
    );
    await expectRefused(
      await answer({ person: eve, notBefore: new Date(now + SAML_CLOCK_SKEW_MS + 1_000) }),
      /SAML not_yet_valid/,
    );
  });

  it("refuses a replayed assertion, and an answer to no request of Recto's", async () => {
    const cy = { ...ada, eppn: "cy@uni.example" };
    const first = await answer({ person: cy });
    expect((await post(first)).statusCode).toBe(303);
    await expectRefused(first, /SAML (replayed|unknown_request)/, /already used|start again/);
    // The same assertion under a new request id is still the same assertion.
    await expectRefused(
      await answer({ person: cy, assertionId: "_replay-me" }).then(async (a) => {
        expect((await post(a)).statusCode).toBe(303);
        return answer({ person: cy, assertionId: "_replay-me" });
      }),
      /SAML replayed/,
      /already used/,
    );
    await expectRefused(
      await answer({ person: cy, inResponseTo: "_never-sent" }),
      /SAML unknown_request/,
      /start again/,
    );
  });

  it("signing out ends Recto's session and gives the provider's LogoutRequest for this sign-in", async () => {
    const res = await post(await answer({ person: { ...ada, eppn: "dee@uni.example" } }));
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers["set-cookie"]).split(";")[0]!;
    const user = await userOf("dee@uni.example");
    const { csrf_token } = await t.ctx.db
      .selectFrom("sessions")
      .select("csrf_token")
      .where("user_id", "=", user!.id)
      .executeTakeFirstOrThrow();
    const headers = { cookie, "x-csrf-token": csrf_token };
    const out = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers });
    expect(out.statusCode).toBe(200);
    const url = new URL(out.json<{ end_session_url: string }>().end_session_url);
    expect(`${url.origin}${url.pathname}`).toBe(SLO);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
    expect(xml).toContain("LogoutRequest");
    expect(xml).toMatch(/<saml:NameID[^>]*>_t[0-9a-f-]+<\/saml:NameID>/);
    expect(xml).toMatch(/SessionIndex[^>]*>_s[0-9a-f-]+</);
    expect(xml).toContain(`>${entityId()}</saml:Issuer>`);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } });
    expect(me.statusCode).toBe(401);
    // Once only: the session's logout data went with it.
    const again = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers });
    expect(again.statusCode).toBe(204);
  });

  it("signs in again over a session the browser still holds, which the provider's post cannot prove with a CSRF token", async () => {
    const first = await post(await answer({ person: { ...ada, eppn: "eve@uni.example" } }));
    const cookie = String(first.headers["set-cookie"]).split(";")[0]!;
    const res = await t.app.inject({
      method: "POST",
      url: `${base}/acs`,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      payload: new URLSearchParams({
        SAMLResponse: await answer({ person: { ...ada, eppn: "eve@uni.example" } }),
        RelayState: "patron:/titles/7",
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    const renewed = String(res.headers["set-cookie"]).split(";")[0]!;
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: renewed } });
    expect(me.json()).toMatchObject({ primary_id: "eve@uni.example" });
  });

  it("refuses an answer without the primary id", async () => {
    const { eppn: _none, ...anonymous } = ada;
    await expectRefused(await answer({ person: anonymous }), /no_primary_id/, /did not tell us who you are/);
  });
});

import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, makeInstitution, type InstitutionFixture, type UserFixture } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { OTHER_CERT, OTHER_KEY, readAuthnRequest, samlResponse } from "../../../test/saml-idp.js";
import {
  encryptedLogoutRequestXml,
  logoutRequestXml,
  metadataCertificate,
  postLogoutRequest,
  readLogoutResponse,
  redirectQuery,
  redirectSignatureValid,
  type LogoutRequestOptions,
} from "../../../test/saml-idp-messages.js";
import { IDP_SLO, insertSamlProvider } from "../../../test/saml-provider.js";

/*
 * Single logout begun by the identity provider, on the real app and database: a signed
 * LogoutRequest (Redirect or POST) ends the sessions the person began through that provider and
 * is answered with a signed LogoutResponse; a request that cannot be checked gets the clear page
 * and a log line, and every session keeps working.
 */

const logLines: Record<string, unknown>[] = [];
const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
const t = useTestApp({ publicUrl: "https://recto.test" }, { log });

let inst: InstitutionFixture;
let gsa: UserFixture;
let rollingId: number;

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  gsa = await admin(t.ctx, inst);
  await insertSamlProvider(t, inst.id, "campus");
  await insertSamlProvider(t, inst.id, "library");
  await insertSamlProvider(t, inst.id, "quiet", { idp_slo_url: null });
  rollingId = await insertSamlProvider(t, inst.id, "rolling");
});

const base = (code: string) => `/auth/saml/${inst.code}/${code}`;
const sloUrl = (code = "campus") => `https://recto.test${base(code)}/slo`;

/** Signs a person in through the provider with this NameID and SessionIndex; answers the session cookie. */
async function signIn(nameId: string, sessionIndex: string, code = "campus"): Promise<string> {
  const start = await t.app.inject({ method: "GET", url: `/auth/sso/${inst.code}/${code}/start?app=patron` });
  const res = await t.app.inject({
    method: "POST",
    url: `${base(code)}/acs`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({
      SAMLResponse: samlResponse({
        person: { eppn: `${nameId}@uni.example`, affiliations: ["student"] },
        audience: `https://recto.test${base(code)}/metadata`,
        recipient: `https://recto.test${base(code)}/acs`,
        inResponseTo: readAuthnRequest(String(start.headers.location)).id,
        now: t.clock.now(),
        nameId,
        sessionIndex,
      }),
    }).toString(),
  });
  expect(res.statusCode, res.body).toBe(303);
  return String(res.headers["set-cookie"]).split(";")[0]!;
}

const signedIn = async (cookie: string) =>
  (await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } })).statusCode === 200;

const request = (o: Partial<LogoutRequestOptions> & { nameId: string }) =>
  logoutRequestXml({ destination: sloUrl(), issued: t.clock.now(), ...o });

const redirect = (query: string, code = "campus") =>
  t.app.inject({ method: "GET", url: `${base(code)}/slo?${query}`, headers: { "accept-language": "en" } });

/** The POST binding; `cookie`: the browser also sends its Recto session, with no CSRF token. */
const post = (samlRequest: string, cookie?: string, code = "campus") =>
  t.app.inject({
    method: "POST",
    url: `${base(code)}/slo`,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": "en",
      ...(cookie ? { cookie } : {}),
    },
    payload: new URLSearchParams({ SAMLRequest: samlRequest, RelayState: "idp-state" }).toString(),
  });

const spCertificate = async () =>
  metadataCertificate((await t.app.inject({ method: "GET", url: `${base("campus")}/metadata` })).body, "signing");

const logoutRows = async () =>
  (await t.ctx.db.selectFrom("saml_message_ids").select("id").where("kind", "=", "logout").execute()).length;

/** A request that cannot be checked: the page, the reason in the log, every session still open. */
async function expectRefused(res: Awaited<ReturnType<typeof redirect>>, reason: string, cookies: string[]) {
  expect(res.statusCode).toBe(400);
  expect(res.headers["content-type"]).toMatch(/^text\/html/);
  expect(res.body).toContain("could not be checked, so nothing was changed");
  const line = logLines.filter((l) => l.msg === "a LogoutRequest from an identity provider was refused").at(-1);
  expect(JSON.stringify(line)).toContain(`"reason":"${reason}"`);
  for (const cookie of cookies) expect(await signedIn(cookie)).toBe(true);
}

describe("single logout begun by the identity provider", () => {
  it("ends the session named by a signed Redirect request and answers a signed LogoutResponse", async () => {
    const cookie = await signIn("_n-ada", "_s-ada");
    const other = await signIn("_n-bob", "_s-bob");
    expect(await signedIn(cookie)).toBe(true);
    const xml = request({ nameId: "_n-ada", sessionIndex: "_s-ada", id: "_logout-ada" });
    const res = await redirect(redirectQuery(xml, undefined, "idp-relay"));
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location.startsWith(`${IDP_SLO}?`)).toBe(true);
    expect(readLogoutResponse(location)).toEqual({
      inResponseTo: "_logout-ada",
      status: "Success",
      issuer: `https://recto.test${base("campus")}/metadata`,
    });
    expect(new URL(location).searchParams.get("RelayState")).toBe("idp-relay");
    expect(redirectSignatureValid(location, await spCertificate())).toBe(true);
    expect(await signedIn(cookie)).toBe(false);
    expect(await signedIn(other)).toBe(true);
  });

  it("by POST without a SessionIndex, ends every session of the NameID begun through that provider only", async () => {
    const first = await signIn("_n-cy", "_s-cy1");
    const second = await signIn("_n-cy", "_s-cy2");
    const elsewhere = await signIn("_n-cy", "_s-cy3", "library");
    const res = await post(postLogoutRequest(request({ nameId: "_n-cy" })), first);
    expect(res.statusCode).toBe(303);
    expect(readLogoutResponse(String(res.headers.location)).status).toBe("Success");
    expect(await signedIn(first)).toBe(false);
    expect(await signedIn(second)).toBe(false);
    expect(await signedIn(elsewhere)).toBe(true);
  });

  it("with a SessionIndex, ends only the sign-in it names", async () => {
    const kept = await signIn("_n-dee", "_s-dee1");
    const ended = await signIn("_n-dee", "_s-dee2");
    const res = await redirect(redirectQuery(request({ nameId: "_n-dee", sessionIndex: "_s-dee2" })));
    expect(res.statusCode).toBe(303);
    expect(await signedIn(ended)).toBe(false);
    expect(await signedIn(kept)).toBe(true);
  });

  it("refuses an unsigned, wrongly signed, foreign, misaddressed or stale request, changing nothing", async () => {
    const cookie = await signIn("_n-eve", "_s-eve");
    const xml = request({ nameId: "_n-eve" });
    const before = await logoutRows();
    await expectRefused(await redirect(redirectQuery(xml, null)), "unsigned", [cookie]);
    await expectRefused(await post(postLogoutRequest(xml, null)), "unsigned", [cookie]);
    await expectRefused(await redirect(redirectQuery(xml, OTHER_KEY)), "bad_signature", [cookie]);
    await expectRefused(await post(postLogoutRequest(xml, OTHER_KEY, OTHER_CERT)), "bad_signature", [cookie]);
    // Signed, then changed on the way: another person named.
    const swapped = redirectQuery(xml).replace(/SAMLRequest=[^&]+/, redirectQuery(request({ nameId: "_n-x" }), null));
    await expectRefused(await redirect(swapped), "bad_signature", [cookie]);
    const foreign = request({ nameId: "_n-eve", issuer: "https://evil.example/idp" });
    await expectRefused(await redirect(redirectQuery(foreign)), "wrong_issuer", [cookie]);
    await expectRefused(await post(postLogoutRequest(foreign)), "wrong_issuer", [cookie]);
    const elsewhere = request({ nameId: "_n-eve", destination: "https://other-sp.example/slo" });
    await expectRefused(await redirect(redirectQuery(elsewhere)), "wrong_destination", [cookie]);
    const stale = request({ nameId: "_n-eve", issued: new Date(t.clock.now().getTime() - 10 * 60_000) });
    await expectRefused(await redirect(redirectQuery(stale)), "expired", [cookie]);
    expect(await logoutRows()).toBe(before);
  });

  it("refuses, unread, a Redirect request that inflates beyond what a LogoutRequest can be", async () => {
    const cookie = await signIn("_n-ivy", "_s-ivy");
    // A few kilobytes in the address, megabytes once inflated: read, it would cost seconds and
    // gigabytes before any signature is checked.
    const bomb = request({ nameId: "_n-ivy" }).replace("</samlp:LogoutRequest>", `${"<a/>".repeat(500_000)}$&`);
    const query = redirectQuery(bomb, null);
    expect(query.length).toBeLessThan(16_000);
    await expectRefused(await redirect(query), "unreadable", [cookie]);
  });

  it("acts on a request once: replayed after the person signed in again, it is refused", async () => {
    const query = redirectQuery(request({ nameId: "_n-fay", id: "_logout-fay" }));
    const first = await signIn("_n-fay", "_s-fay1");
    expect((await redirect(query)).statusCode).toBe(303);
    expect(await signedIn(first)).toBe(false);
    const again = await signIn("_n-fay", "_s-fay2");
    await expectRefused(await redirect(query), "replayed", [again]);
  });

  it("answers UnknownPrincipal for a person with no session here, and writes nothing", async () => {
    const before = await logoutRows();
    const res = await redirect(redirectQuery(request({ nameId: "_n-nobody", id: "_logout-nobody" })));
    expect(res.statusCode).toBe(303);
    expect(readLogoutResponse(String(res.headers.location))).toMatchObject({
      inResponseTo: "_logout-nobody",
      status: "Requester/UnknownPrincipal",
    });
    expect(await logoutRows()).toBe(before);
  });

  it("without the provider's single logout address, ends the session and says so on a page", async () => {
    const cookie = await signIn("_n-gus", "_s-gus", "quiet");
    const res = await redirect(
      redirectQuery(logoutRequestXml({ nameId: "_n-gus", destination: sloUrl("quiet"), issued: t.clock.now() })),
      "quiet",
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("You are signed out of the library.");
    expect(await signedIn(cookie)).toBe(false);
  });

  it("leads the provider's answer to Recto's own LogoutRequest to the library", async () => {
    const res = await redirect("SAMLResponse=anything");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/i/${inst.code}/`);
  });
});

describe("single logout during a key rollover of Recto's", () => {
  type Keys = { sp_keys: { id: number; status: string; certificate: string }[] };
  /** A step of the rollover through the API (add, activate, retire); answers the key pairs. */
  const step = async (path = "") => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/identity-providers/${rollingId}/sp-keys${path}`,
      headers: { authorization: `Bearer ${gsa.apiKey}` },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<Keys>().sp_keys;
  };
  /** A signed LogoutRequest for the person, their NameID encrypted to `cert`. */
  const encryptedRequest = (nameId: string, cert: string) =>
    encryptedLogoutRequestXml({ nameId, destination: sloUrl("rolling"), issued: t.clock.now() }, cert);

  type Key = Keys["sp_keys"][number];
  let old: Key;
  let next: Key;

  it("ends the session named in a NameID encrypted to the next key, and answers signed with the active one", async () => {
    [old, next] = (await step()) as [Key, Key];
    expect([old.status, next.status]).toEqual(["active", "next"]);
    // Added: the provider may encrypt to the new certificate as soon as it reads the metadata.
    const cookie = await signIn("_n-kim", "_s-kim", "rolling");
    const res = await post(postLogoutRequest(await encryptedRequest("_n-kim", next.certificate)), undefined, "rolling");
    expect(res.statusCode, res.body).toBe(303);
    const answer = String(res.headers.location);
    expect(readLogoutResponse(answer).status).toBe("Success");
    // Signed with the key in use, whichever key decrypted the request.
    expect(redirectSignatureValid(answer, old.certificate)).toBe(true);
    expect(await signedIn(cookie)).toBe(false);
  });

  it("once the new key is active, ends the session named in a NameID encrypted to the previous one", async () => {
    await step(`/${next.id}/activate`);
    // A provider not yet updated still encrypts to the old certificate.
    const cookie = await signIn("_n-lou", "_s-lou", "rolling");
    const res = await redirect(redirectQuery(await encryptedRequest("_n-lou", old.certificate)), "rolling");
    expect(res.statusCode, res.body).toBe(303);
    const answer = String(res.headers.location);
    expect(readLogoutResponse(answer).status).toBe("Success");
    expect(redirectSignatureValid(answer, next.certificate)).toBe(true);
    expect(await signedIn(cookie)).toBe(false);
  });

  it("refuses a NameID encrypted to a retired key, changing nothing", async () => {
    await step(`/${old.id}/retire`);
    const cookie = await signIn("_n-max", "_s-max", "rolling");
    const before = await logoutRows();
    // Its private key is gone: the request names nobody Recto can read.
    const query = redirectQuery(await encryptedRequest("_n-max", old.certificate));
    await expectRefused(await redirect(query, "rolling"), "undecryptable", [cookie]);
    expect(await logoutRows()).toBe(before);
    const res = await post(postLogoutRequest(await encryptedRequest("_n-max", next.certificate)), undefined, "rolling");
    expect(res.statusCode).toBe(303);
    expect(await signedIn(cookie)).toBe(false);
  });
});

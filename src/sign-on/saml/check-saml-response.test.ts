import { describe, expect, it } from "vitest";
import {
  IDP_CERT,
  IDP_ENTITY_ID,
  OID,
  OTHER_CERT,
  OTHER_KEY,
  samlResponse,
  samlResponseXml,
} from "../../../test/saml-idp.js";
import { checkSamlResponse, SAML_CLOCK_SKEW_MS, type SamlRefusalReason } from "./check-saml-response.js";
import { samlClient, samlEndpoints, type SamlSettings } from "./saml-client.js";

const settings: SamlSettings = {
  idp_entity_id: IDP_ENTITY_ID,
  idp_sso_url: "https://idp.test.example/sso",
  idp_certificates: [IDP_CERT],
  want_assertions_signed: true,
  require_encrypted_assertions: false,
  sign_authn_requests: false,
};
const endpoints = samlEndpoints("https://recto.test", "UNI", "campus", settings);
const now = new Date("2026-03-02T09:00:00.000Z");
const person = {
  eppn: "ada@uni.example",
  affiliations: ["student", "member"],
  mail: "ada@uni.example",
  givenName: "Ada",
  sn: "Lovelace",
};
const good = { person, audience: endpoints.entityId, recipient: endpoints.acsUrl, now };

const check = async (response: string, s: SamlSettings = settings, at = now) =>
  checkSamlResponse(await samlClient(s, endpoints), response, s, endpoints, at);

async function reason(response: string, s: SamlSettings = settings, at = now): Promise<SamlRefusalReason> {
  const err: unknown = await check(response, s, at).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, "the response was accepted").toBeDefined();
  return (err as { reason: SamlRefusalReason }).reason;
}

describe("checkSamlResponse", () => {
  it("accepts a signed assertion and gives its attributes by Name and FriendlyName", async () => {
    const checked = await check(samlResponse({ ...good, inResponseTo: "_req1", assertionId: "_a1" }));
    expect(checked.assertionId).toBe("_a1");
    expect(checked.inResponseTo).toBe("_req1");
    expect(checked.attributes[OID.eduPersonPrincipalName]).toEqual(["ada@uni.example"]);
    expect(checked.attributes.eduPersonAffiliation).toEqual(["student", "member"]);
    expect(checked.attributes[OID.eduPersonAffiliation]).toEqual(["student", "member"]);
    expect(checked.attributes.givenName).toEqual(["Ada"]);
    expect(checked.nameId?.value).toMatch(/^_t/);
    expect(checked.sessionIndex).toMatch(/^_s/);
    // kept in the replay cache until NotOnOrAfter (+5 min from the IdP) plus the skew
    expect(checked.usableUntil.toISOString()).toBe(
      new Date(now.getTime() + 5 * 60_000 + SAML_CLOCK_SKEW_MS).toISOString(),
    );
  });

  it("refuses a tampered assertion", async () => {
    const xml = samlResponseXml(good).replace(">student<", ">faculty<");
    expect(await reason(Buffer.from(xml).toString("base64"))).toBe("bad_signature");
  });

  it("refuses an assertion signed by a key the provider is not configured with", async () => {
    expect(await reason(samlResponse({ ...good, key: OTHER_KEY, cert: OTHER_CERT }))).toBe("bad_signature");
  });

  it("refuses an unsigned response", async () => {
    expect(await reason(samlResponse({ ...good, sign: "none" }))).toBe("unsigned");
    expect(await reason(samlResponse({ ...good, sign: "none" }), { ...settings, want_assertions_signed: false })).toBe(
      "unsigned",
    );
  });

  it("takes a signed response with an unsigned assertion only when assertions need not be signed", async () => {
    const response = samlResponse({ ...good, sign: "response" });
    expect(await reason(response)).toBe("bad_signature");
    const checked = await check(response, { ...settings, want_assertions_signed: false });
    expect(checked.attributes.eduPersonPrincipalName).toEqual(["ada@uni.example"]);
  });

  it("refuses a wrong audience, recipient, destination or issuer", async () => {
    expect(await reason(samlResponse({ ...good, audience: "https://other-sp.example" }))).toBe("wrong_audience");
    expect(
      await reason(samlResponse({ ...good, recipient: "https://other-sp.example/acs", destination: endpoints.acsUrl })),
    ).toBe("wrong_recipient");
    expect(await reason(samlResponse({ ...good, destination: "https://other-sp.example/acs" }))).toBe(
      "wrong_destination",
    );
    expect(await reason(samlResponse({ ...good, issuer: "https://evil.example/idp" }))).toBe("wrong_issuer");
  });

  it("allows a minute of clock skew and refuses beyond it", async () => {
    const minute = SAML_CLOCK_SKEW_MS;
    const expired = samlResponse({ ...good, notOnOrAfter: new Date(now.getTime() - minute - 1000) });
    expect(await reason(expired)).toBe("expired");
    const justExpired = samlResponse({ ...good, notOnOrAfter: new Date(now.getTime() - minute + 1000) });
    await expect(check(justExpired)).resolves.toBeDefined();
    const early = samlResponse({ ...good, notBefore: new Date(now.getTime() + minute + 1000) });
    expect(await reason(early)).toBe("not_yet_valid");
    const slightlyEarly = samlResponse({ ...good, notBefore: new Date(now.getTime() + minute - 1000) });
    await expect(check(slightlyEarly)).resolves.toBeDefined();
  });

  it("accepts a certificate listed second, as during a key rollover", async () => {
    const rollover = { ...settings, idp_certificates: [OTHER_CERT, IDP_CERT] };
    await expect(check(samlResponse(good), rollover)).resolves.toBeDefined();
  });
});

import { createPrivateKey, X509Certificate } from "node:crypto";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, makeInstitution, type InstitutionFixture, type UserFixture } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { secretBox } from "../../secrets/secrets-key.js";
import { OTHER_CERT, readAuthnRequest, samlResponse, type TestPerson } from "../../../test/saml-idp.js";
import { encryptedSamlResponse, metadataCertificate, redirectSignatureValid } from "../../../test/saml-idp-messages.js";
import { IDP_SSO, insertSamlProvider } from "../../../test/saml-provider.js";

/*
 * Recto's key pair per SAML provider: its certificate published in the metadata for signing and
 * encryption, an assertion encrypted to it decrypted (every other check still made), one
 * encrypted to another key or a plain one where encryption is required refused with the clear
 * page, and AuthnRequests signed with it when the provider is set to.
 */

const logLines: Record<string, unknown>[] = [];
const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
const t = useTestApp({ publicUrl: "https://recto.test" }, { log });

let inst: InstitutionFixture;
let gsa: UserFixture;
const person = (eppn: string): TestPerson => ({ eppn, affiliations: ["student"], givenName: "Ada", sn: "Byron" });

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  gsa = await admin(t.ctx, inst);
  await insertSamlProvider(t, inst.id, "campus");
  await insertSamlProvider(t, inst.id, "strict", { require_encrypted_assertions: true, sign_authn_requests: true });
});

const base = (code: string) => `/auth/saml/${inst.code}/${code}`;
const metadata = async (code: string) => (await t.app.inject({ method: "GET", url: `${base(code)}/metadata` })).body;

/** Begins a sign-in at the provider: the redirect to its SSO address. */
async function start(code: string): Promise<string> {
  const res = await t.app.inject({ method: "GET", url: `/auth/sso/${inst.code}/${code}/start?app=patron` });
  expect(res.statusCode).toBe(303);
  return String(res.headers.location);
}

/** A Response to a fresh AuthnRequest of the provider; encrypted to `encryptTo` when given. */
async function answer(code: string, eppn: string, encryptTo?: string, assertionId?: string): Promise<string> {
  const options = {
    ...(assertionId ? { assertionId } : {}),
    person: person(eppn),
    audience: `https://recto.test${base(code)}/metadata`,
    recipient: `https://recto.test${base(code)}/acs`,
    inResponseTo: readAuthnRequest(await start(code)).id,
    now: t.clock.now(),
  };
  return encryptTo ? encryptedSamlResponse(options, encryptTo) : samlResponse(options);
}

const post = (code: string, samlResponseValue: string) =>
  t.app.inject({
    method: "POST",
    url: `${base(code)}/acs`,
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
    payload: new URLSearchParams({ SAMLResponse: samlResponseValue, RelayState: "patron:/titles/7" }).toString(),
  });

const accounts = async () =>
  (await t.ctx.db.selectFrom("users").select("primary_id").where("institution_id", "=", inst.id).execute()).length;
const sessions = async () =>
  (await t.ctx.db.selectFrom("sessions").select("id").where("institution_id", "=", inst.id).execute()).length;

/** A refused answer: the sign-in error page, the reason in the log, no account and no session made. */
async function expectRefused(code: string, samlResponseValue: string, reason: RegExp, page = /could not be checked/) {
  const before = { accounts: await accounts(), sessions: await sessions(), lines: logLines.length };
  const res = await post(code, samlResponseValue);
  expect(res.statusCode).toBe(403);
  expect(res.body).toMatch(page);
  expect(res.headers["set-cookie"]).toBeUndefined();
  expect(JSON.stringify(logLines.slice(before.lines))).toMatch(reason);
  expect({ accounts: await accounts(), sessions: await sessions() }).toEqual({
    accounts: before.accounts,
    sessions: before.sessions,
  });
}

describe("Recto's SAML key pair", () => {
  it("is published for signing and encryption with single logout, and the private key stays on the server", async () => {
    const xml = await metadata("campus");
    const signing = metadataCertificate(xml, "signing");
    expect(metadataCertificate(xml, "encryption")).toBe(signing);
    expect(xml).toContain('AuthnRequestsSigned="false"');
    expect(xml).toMatch(/EncryptionMethod Algorithm="http:\/\/www.w3.org\/2009\/xmlenc11#aes128-gcm"/);
    const slo = `https://recto.test${base("campus")}/slo`;
    expect(xml).toContain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${slo}"`);
    expect(xml).toContain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${slo}"`);
    expect(xml).not.toMatch(/PRIVATE KEY/);
    // The published certificate is the stored key's, and stays the same from one reading to the next.
    const stored = await t.ctx.db.selectFrom("saml_sp_keys").selectAll().execute();
    const campus = stored.find(
      (k) => new X509Certificate(k.certificate).toString() === new X509Certificate(signing).toString(),
    );
    // Stored sealed with the secrets key: not a PEM in the row, the key itself once opened.
    expect(campus?.private_key).not.toMatch(/PRIVATE KEY/);
    const opened = secretBox(t.config).open(campus!.private_key, "saml-sp-private-key");
    expect(new X509Certificate(signing).checkPrivateKey(createPrivateKey(opened))).toBe(true);
    expect(metadataCertificate(await metadata("campus"), "signing")).toBe(signing);
    expect(await metadata("strict")).toContain('AuthnRequestsSigned="true"');
  });

  it("is made with a provider created through the API, and no API answer carries it", async () => {
    const headers = { authorization: `Bearer ${gsa.apiKey}` };
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/identity-providers",
      headers,
      payload: {
        code: "fresh",
        label: "Fresh",
        protocol: "saml",
        settings: { idp_entity_id: "https://idp.example/x", idp_sso_url: IDP_SSO, idp_certificates: [OTHER_CERT] },
        mapping: {
          primary_id: "eppn",
          user_group: { attribute: "a", rules: [], default_user_group_code: "UNDERGRAD" },
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    const key = await t.ctx.db.selectFrom("saml_sp_keys").selectAll().where("provider_id", "=", id).executeTakeFirst();
    expect(key?.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(created.json<{ settings: object }>().settings).toMatchObject({
      require_encrypted_assertions: false,
      sign_authn_requests: false,
    });
    const body = key!.certificate.split("\n")[1]!;
    for (const url of ["/api/v1/identity-providers", `/api/v1/identity-providers/${id}`]) {
      const res = await t.app.inject({ method: "GET", url, headers });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/PRIVATE KEY|private_key/);
      expect(res.body).not.toContain(key!.private_key.split("\n")[1]);
      expect(res.body).not.toContain(body);
    }
  });
});

describe("encrypted assertions", () => {
  it("signs in with an assertion encrypted to the metadata's certificate", async () => {
    const cert = metadataCertificate(await metadata("campus"), "encryption");
    const res = await post("campus", await answer("campus", "enc@uni.example", cert));
    expect(res.statusCode, res.body).toBe(303);
    expect(String(res.headers["set-cookie"])).toMatch(/recto_session=/);
  });

  it("refuses one encrypted to another key, changing nothing", async () => {
    await expectRefused("campus", await answer("campus", "wrongkey@uni.example", OTHER_CERT), /SAML undecryptable/);
  });

  it("keeps the other checks: a replayed encrypted assertion is refused", async () => {
    const cert = metadataCertificate(await metadata("campus"), "encryption");
    const once = await answer("campus", "twice@uni.example", cert, "_enc-once");
    expect((await post("campus", once)).statusCode).toBe(303);
    await expectRefused("campus", once, /SAML unknown_request/, /start again/);
    // The same assertion answering a new request is still the same assertion.
    const again = await answer("campus", "twice@uni.example", cert, "_enc-once");
    await expectRefused("campus", again, /SAML replayed/, /already used/);
  });

  it("where encryption is required, refuses a plain assertion and takes an encrypted one", async () => {
    await expectRefused("strict", await answer("strict", "plain@uni.example"), /SAML not_encrypted/);
    const cert = metadataCertificate(await metadata("strict"), "encryption");
    expect((await post("strict", await answer("strict", "sealed@uni.example", cert))).statusCode).toBe(303);
  });
});

describe("signed AuthnRequests", () => {
  it("carry a signature the metadata's signing certificate verifies when the provider asks for them", async () => {
    const cert = metadataCertificate(await metadata("strict"), "signing");
    const url = await start("strict");
    expect(new URL(url).searchParams.get("Signature")).toBeTruthy();
    expect(redirectSignatureValid(url, cert)).toBe(true);
    // Changed on the way (another RelayState), the signature no longer holds.
    expect(redirectSignatureValid(url.replace(/RelayState=[^&]+/, "RelayState=staff%3A%2F"), cert)).toBe(false);
    expect(redirectSignatureValid(url, OTHER_CERT)).toBe(false);
  });

  it("are not signed by default", async () => {
    const url = await start("campus");
    expect(new URL(url).searchParams.has("Signature")).toBe(false);
    expect(new URL(url).searchParams.has("SigAlg")).toBe(false);
  });
});

import { X509Certificate } from "node:crypto";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  makeInstitution,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { readAuthnRequest } from "../../../test/saml-idp.js";
import {
  encryptedSamlResponse,
  metadataCertificates,
  redirectSignatureValid,
} from "../../../test/saml-idp-messages.js";
import { insertSamlProvider } from "../../../test/saml-provider.js";
import { insertProvider } from "../providers-repository.js";
import { secretBox } from "../../secrets/secrets-key.js";

/*
 * Rolling Recto's SAML key pair over, through the API: add (both certificates published, the new
 * one decrypting), activate (the new one signs, the old one still decrypts), retire (the old one
 * gone: an assertion encrypted to it is refused); every bad step refused with its code, nothing
 * changed.
 */

const logLines: Record<string, unknown>[] = [];
const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
const t = useTestApp({ publicUrl: "https://recto.test" }, { log });

let inst: InstitutionFixture;
let gsa: UserFixture;
let providerId: number;
let otherProviderId: number;
let oidcProviderId: number;

interface KeyAnswer {
  id: number;
  status: "active" | "next" | "previous";
  certificate: string;
  fingerprint_sha256: string;
  allowed_actions: string[];
}
interface KeysAnswer {
  sp_keys: KeyAnswer[];
  allowed_actions: string[];
}

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  gsa = await admin(t.ctx, inst);
  providerId = await insertSamlProvider(t, inst.id, "campus", { sign_authn_requests: true });
  otherProviderId = await insertSamlProvider(t, inst.id, "alumni");
  oidcProviderId = await insertProvider(
    t.ctx.db,
    inst.id,
    {
      code: "oidc",
      label: "OpenID",
      enabled: true,
      sort_order: 0,
      create_accounts: false,
      protocol: "oidc",
      settings: { issuer: "https://idp.example", client_id: "recto", client_secret: null, scopes: ["openid"] },
      mapping: {
        primary_id: "sub",
        match_by: "primary_id",
        user_group: { attribute: "affiliation", rules: [], default_user_group_code: null },
      },
    },
    t.clock.now().toISOString(),
  );
});

const providerBase = () => `/auth/saml/${inst.code}/campus`;
const headers = () => ({ authorization: `Bearer ${gsa.apiKey}` });
const keysUrl = (id = providerId) => `/api/v1/identity-providers/${id}/sp-keys`;

const call = (method: "GET" | "POST", url: string) => t.app.inject({ method, url, headers: headers() });
const list = async (): Promise<KeysAnswer> => (await call("GET", keysUrl())).json<KeysAnswer>();
const metadata = async () => (await t.app.inject({ method: "GET", url: `${providerBase()}/metadata` })).body;
const sameCert = (a: string, b: string) =>
  new X509Certificate(a).fingerprint256 === new X509Certificate(b).fingerprint256;

/** Begins a sign-in: the redirect to the provider (its AuthnRequest signed with the active key). */
async function start(): Promise<string> {
  const res = await t.app.inject({ method: "GET", url: `/auth/sso/${inst.code}/campus/start?app=patron` });
  expect(res.statusCode).toBe(303);
  return String(res.headers.location);
}

/** The ACS's answer to a fresh sign-in whose assertion is encrypted to `cert`. */
async function signInEncryptedTo(cert: string, eppn: string) {
  const options = {
    person: { eppn, affiliations: ["student"], givenName: "Ada", sn: "Byron" },
    audience: `https://recto.test${providerBase()}/metadata`,
    recipient: `https://recto.test${providerBase()}/acs`,
    inResponseTo: readAuthnRequest(await start()).id,
    now: t.clock.now(),
  };
  const value = await encryptedSamlResponse(options, cert);
  return t.app.inject({
    method: "POST",
    url: `${providerBase()}/acs`,
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
    payload: new URLSearchParams({ SAMLResponse: value, RelayState: "patron:/" }).toString(),
  });
}

/** A refused step: the code, and the keys as they were. */
async function expectRefused(url: string, status: number, code: string) {
  const before = await list();
  const res = await call("POST", url);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toMatchObject({ code });
  expect(await list()).toEqual(before);
}

describe("a SAML key rollover through the API", () => {
  let oldKey: KeyAnswer;
  let newKey: KeyAnswer;

  it("lists the one active key pair, which may not be retired, and offers to add one", async () => {
    const res = await call("GET", keysUrl());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<KeysAnswer>();
    expect(body.allowed_actions).toEqual(["add"]);
    expect(body.sp_keys).toHaveLength(1);
    oldKey = body.sp_keys[0]!;
    expect(oldKey).toMatchObject({ status: "active", allowed_actions: [] });
    expect(res.body).not.toMatch(/PRIVATE KEY|private_key/);
    expect(sameCert(oldKey.certificate, metadataCertificates(await metadata(), "signing")[0]!)).toBe(true);
  });

  it("refuses to retire or re-activate the only key pair, changing nothing", async () => {
    await expectRefused(`${keysUrl()}/${oldKey.id}/retire`, 409, "SP_KEY_IN_USE");
    await expectRefused(`${keysUrl()}/${oldKey.id}/activate`, 409, "SP_KEY_ALREADY_ACTIVE");
  });

  it("adds a new key pair: the metadata publishes both, the old one still signs, both decrypt", async () => {
    const res = await call("POST", keysUrl());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<KeysAnswer>();
    expect(body.allowed_actions).toEqual([]);
    expect(body.sp_keys.map((k) => [k.status, k.allowed_actions])).toEqual([
      ["active", []],
      ["next", ["activate", "retire"]],
    ]);
    newKey = body.sp_keys[1]!;
    expect(sameCert(body.sp_keys[0]!.certificate, oldKey.certificate)).toBe(true);
    expect(newKey.fingerprint_sha256).not.toBe(oldKey.fingerprint_sha256);

    const xml = await metadata();
    for (const use of ["signing", "encryption"] as const) {
      const certs = metadataCertificates(xml, use);
      expect(certs).toHaveLength(2);
      expect(sameCert(certs[0]!, oldKey.certificate) && sameCert(certs[1]!, newKey.certificate)).toBe(true);
    }
    const url = await start();
    expect(redirectSignatureValid(url, oldKey.certificate)).toBe(true);
    expect(redirectSignatureValid(url, newKey.certificate)).toBe(false);
    // The provider may encrypt to either certificate as soon as it has read the metadata.
    expect((await signInEncryptedTo(newKey.certificate, "early@uni.example")).statusCode).toBe(303);
    expect((await signInEncryptedTo(oldKey.certificate, "late@uni.example")).statusCode).toBe(303);
  });

  it("stores the new private key sealed, never in clear", async () => {
    const row = await t.ctx.db
      .selectFrom("saml_sp_keys")
      .select("private_key")
      .where("id", "=", newKey.id)
      .executeTakeFirstOrThrow();
    expect(row.private_key).toMatch(/^rs1:/);
    // Sealed: it opens with the secrets key to the PEM, and no line of the PEM shows in what is stored.
    const clear = secretBox(t.config).open(row.private_key, "saml-sp-private-key");
    expect(clear).toContain("PRIVATE KEY");
    for (const line of clear.split("\n").filter((l) => l.length > 0)) expect(row.private_key).not.toContain(line);
  });

  it("refuses a third key pair while the rollover is unfinished", async () => {
    await expectRefused(keysUrl(), 409, "SP_KEY_ROLLOVER_UNFINISHED");
  });

  it("activates the new key pair: it signs, the old one is previous and still decrypts", async () => {
    const res = await call("POST", `${keysUrl()}/${newKey.id}/activate`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<KeysAnswer>();
    expect(body.sp_keys.map((k) => [k.id, k.status, k.allowed_actions])).toEqual([
      [newKey.id, "active", []],
      [oldKey.id, "previous", ["activate", "retire"]],
    ]);
    const url = await start();
    expect(redirectSignatureValid(url, newKey.certificate)).toBe(true);
    expect(redirectSignatureValid(url, oldKey.certificate)).toBe(false);
    const certs = metadataCertificates(await metadata(), "encryption");
    expect(certs.map((c) => sameCert(c, newKey.certificate))).toEqual([true, false]);
    const res2 = await signInEncryptedTo(oldKey.certificate, "inflight@uni.example");
    expect(res2.statusCode, res2.body).toBe(303);
  });

  it("refuses to retire the key pair in use, and a key pair of another provider or none", async () => {
    await expectRefused(`${keysUrl()}/${newKey.id}/retire`, 409, "SP_KEY_IN_USE");
    await expectRefused(`${keysUrl(otherProviderId)}/${oldKey.id}/retire`, 404, "NOT_FOUND");
    await expectRefused(`${keysUrl()}/999999/activate`, 404, "NOT_FOUND");
    const bad = await call("POST", `${keysUrl()}/first/retire`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("retires the old key pair: the metadata names the new one alone, and the old one no longer decrypts", async () => {
    const res = await call("POST", `${keysUrl()}/${oldKey.id}/retire`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<KeysAnswer>();
    expect(body.allowed_actions).toEqual(["add"]);
    expect(body.sp_keys.map((k) => [k.id, k.status])).toEqual([[newKey.id, "active"]]);
    const xml = await metadata();
    expect(metadataCertificates(xml, "signing")).toHaveLength(1);
    expect(metadataCertificates(xml, "encryption")).toHaveLength(1);
    expect(sameCert(metadataCertificates(xml, "encryption")[0]!, newKey.certificate)).toBe(true);
    const lines = logLines.length;
    const refused = await signInEncryptedTo(oldKey.certificate, "tooLate@uni.example");
    expect(refused.statusCode).toBe(403);
    expect(JSON.stringify(logLines.slice(lines))).toMatch(/SAML undecryptable/);
    expect((await signInEncryptedTo(newKey.certificate, "now@uni.example")).statusCode).toBe(303);
  });

  it("can go back: a new pair added and activated can be undone by activating the previous one", async () => {
    const added = (await call("POST", keysUrl())).json<KeysAnswer>().sp_keys[1]!;
    await call("POST", `${keysUrl()}/${added.id}/activate`);
    const back = await call("POST", `${keysUrl()}/${newKey.id}/activate`);
    expect(back.json<KeysAnswer>().sp_keys.map((k) => [k.id, k.status])).toEqual([
      [newKey.id, "active"],
      [added.id, "previous"],
    ]);
    expect(redirectSignatureValid(await start(), newKey.certificate)).toBe(true);
    // Discarding it: retiring the pair that was never kept.
    expect((await call("POST", `${keysUrl()}/${added.id}/retire`)).statusCode).toBe(200);
  });
});

describe("key rollover refusals", () => {
  it("has no keys for an OpenID Connect provider", async () => {
    for (const url of [keysUrl(oidcProviderId), `${keysUrl(oidcProviderId)}/1/activate`]) {
      const res = await call(url.endsWith("sp-keys") ? "GET" : "POST", url);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: "NOT_A_SAML_PROVIDER" });
    }
    const added = await call("POST", keysUrl(oidcProviderId));
    expect(added.json()).toMatchObject({ code: "NOT_A_SAML_PROVIDER" });
  });

  it("is for the General System Administrator only, and says so in the caller's language", async () => {
    const clerk = await makeUser(t.ctx, inst, { roles: [] });
    const res = await t.app.inject({
      method: "POST",
      url: keysUrl(),
      headers: { authorization: `Bearer ${clerk.apiKey}` },
    });
    expect(res.statusCode).toBe(403);
    const fr = await t.app.inject({
      method: "POST",
      url: `${keysUrl()}/${(await list()).sp_keys[0]!.id}/retire`,
      headers: { ...headers(), "accept-language": "fr" },
    });
    expect(fr.json()).toMatchObject({ code: "SP_KEY_IN_USE", message: expect.stringMatching(/en service/) });
  });
});

import { createPublicKey, createVerify, randomUUID, sign as signBytes, X509Certificate } from "node:crypto";
import { promisify } from "node:util";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import xmlenc from "xml-encryption";
import {
  assertionXml,
  IDP_CERT,
  IDP_ENTITY_ID,
  IDP_KEY,
  samlResponseXml,
  sign,
  type ResponseOptions,
} from "./saml-idp.js";

/*
 * More of what the test identity provider sends and reads (saml-idp.ts builds the Responses):
 * an assertion encrypted to the SP's certificate from its metadata, as Shibboleth does; the
 * LogoutRequests of single logout, their NameID in clear or encrypted, signed for the Redirect or
 * the POST binding; and the checks a provider makes of the SP's signed redirect messages
 * (AuthnRequest, LogoutResponse).
 */

const SHA256_SIG = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

/** The certificate of a KeyDescriptor use="…" in SP metadata, as PEM. */
export function metadataCertificate(metadata: string, use: "signing" | "encryption"): string {
  const [first] = metadataCertificates(metadata, use);
  if (!first) throw new Error(`no ${use} certificate in the metadata`);
  return first;
}

/** Every certificate the metadata gives for `use`, in its order, as PEM. */
export function metadataCertificates(metadata: string, use: "signing" | "encryption"): string[] {
  const pattern = new RegExp(`<md:KeyDescriptor use="${use}">[\\s\\S]*?<ds:X509Certificate>([^<]+)<`, "g");
  return [...metadata.matchAll(pattern)].map(
    (m) => `-----BEGIN CERTIFICATE-----\n${m[1]!.replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`,
  );
}

const encrypt = promisify(xmlenc.encrypt).bind(xmlenc) as (
  content: string,
  options: xmlenc.EncryptOptions,
) => Promise<string>;

/**
 * An xenc:EncryptedData of `xml` as an IdP makes it for the SP: a fresh AES-256-GCM content key,
 * itself encrypted (RSA-OAEP) to the SP's certificate from its metadata.
 */
const encryptedTo = (xml: string, spCert: string): Promise<string> =>
  encrypt(xml, {
    rsa_pub: createPublicKey(spCert).export({ type: "spki", format: "pem" }).toString(),
    pem: spCert,
    encryptionAlgorithm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
    keyEncryptionAlgorithm: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
  });

/** A Response whose (signed) assertion is encrypted to `spCert` (AES-256-GCM, key by RSA-OAEP), base64. */
export async function encryptedSamlResponse(o: ResponseOptions, spCert: string): Promise<string> {
  const wrapped = `<saml:EncryptedAssertion>${await encryptedTo(assertionXml(o), spCert)}</saml:EncryptedAssertion>`;
  return Buffer.from(samlResponseXml(o, wrapped)).toString("base64");
}

export interface LogoutRequestOptions {
  nameId: string;
  sessionIndex?: string;
  /** the SP's SLO address */
  destination: string;
  issuer?: string;
  id?: string;
  issued: Date;
}

const nameIdXml = (nameId: string) =>
  `<saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${nameId}</saml:NameID>`;

/** A LogoutRequest (unsigned XML) naming the person by `identifier`: a NameID or an EncryptedID. */
function logoutRequestWith(o: LogoutRequestOptions, identifier: string): string {
  const session = o.sessionIndex ? `<samlp:SessionIndex>${o.sessionIndex}</samlp:SessionIndex>` : "";
  return (
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` ID="${o.id ?? `_l${randomUUID()}`}" Version="2.0" IssueInstant="${o.issued.toISOString()}" Destination="${o.destination}">` +
    `<saml:Issuer>${o.issuer ?? IDP_ENTITY_ID}</saml:Issuer>` +
    identifier +
    session +
    `</samlp:LogoutRequest>`
  );
}

export const logoutRequestXml = (o: LogoutRequestOptions): string => logoutRequestWith(o, nameIdXml(o.nameId));

/**
 * The same with the NameID encrypted to `spCert` (an EncryptedID, SAML core 2.2.4), as an IdP
 * sends it to an SP whose metadata offers an encryption certificate.
 */
export const encryptedLogoutRequestXml = async (o: LogoutRequestOptions, spCert: string): Promise<string> =>
  logoutRequestWith(o, `<saml:EncryptedID>${await encryptedTo(nameIdXml(o.nameId), spCert)}</saml:EncryptedID>`);

/**
 * The HTTP-Redirect binding: the query of a LogoutRequest, signed over the encoded
 * SAMLRequest, RelayState and SigAlg as SAML bindings 3.4.4.1 says (unless `key` is null).
 */
export function redirectQuery(xml: string, key: string | null = IDP_KEY, relayState?: string): string {
  let query = `SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString("base64"))}`;
  if (relayState) query += `&RelayState=${encodeURIComponent(relayState)}`;
  if (key === null) return query;
  query += `&SigAlg=${encodeURIComponent(SHA256_SIG)}`;
  return `${query}&Signature=${encodeURIComponent(signBytes("sha256", Buffer.from(query), key).toString("base64"))}`;
}

/** The HTTP-POST binding: the LogoutRequest signed in the XML (unless `key` is null), base64. */
export const postLogoutRequest = (xml: string, key: string | null = IDP_KEY, cert = IDP_CERT): string =>
  Buffer.from(key === null ? xml : sign(xml, "LogoutRequest", key, cert)).toString("base64");

/**
 * Whether a redirect message (AuthnRequest, LogoutResponse) from the SP carries a valid
 * signature by `cert`, checked over the query's own encoded parameters as a provider does.
 */
export function redirectSignatureValid(url: string, cert: string): boolean {
  const raw = new URL(url).search.slice(1).split("&");
  const param = (name: string) => raw.find((p) => p.startsWith(`${name}=`));
  const signed = ["SAMLRequest", "SAMLResponse", "RelayState", "SigAlg"].map(param).filter(Boolean).join("&");
  const signature = new URL(url).searchParams.get("Signature");
  if (!signature || new URL(url).searchParams.get("SigAlg") !== SHA256_SIG) return false;
  return createVerify("sha256").update(signed).verify(new X509Certificate(cert).publicKey, signature, "base64");
}

/** What a LogoutResponse (HTTP-Redirect) from the SP says. */
export function readLogoutResponse(url: string): { inResponseTo: string; status: string; issuer: string } {
  const xml = inflateRawSync(Buffer.from(new URL(url).searchParams.get("SAMLResponse") ?? "", "base64")).toString();
  const doc = new DOMParser().parseFromString(xml, "text/xml").documentElement;
  if (doc?.localName !== "LogoutResponse") throw new Error("no LogoutResponse");
  const codes = doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:protocol", "StatusCode");
  return {
    inResponseTo: doc.getAttribute("InResponseTo") ?? "",
    status: Array.from(codes)
      .map((c) => c.getAttribute("Value")?.replace(/^.*:/, ""))
      .join("/"),
    issuer: doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer")[0]?.textContent ?? "",
  };
}

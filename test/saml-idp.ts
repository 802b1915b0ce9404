import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

/*
 * A SAML 2.0 identity provider for the tests: it builds real Responses and signs them with a test
 * key (xml-crypto, RSA-SHA256, exclusive canonicalisation); saml-idp-server.ts serves them to a
 * browser.
 * The keys and self-signed certificates are fixtures, made once with
 *   openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/CN=Recto test SAML IdP (NAME)"
 * "other" is a key the provider is not configured with.
 */

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
export const IDP_KEY = fixture("saml-idp.key.pem");
export const IDP_CERT = fixture("saml-idp.cert.pem");
export const OTHER_KEY = fixture("saml-idp-other.key.pem");
export const OTHER_CERT = fixture("saml-idp-other.cert.pem");
export const IDP_ENTITY_ID = "https://idp.test.example/idp/shibboleth";

export const OID = {
  eduPersonPrincipalName: "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
  eduPersonAffiliation: "urn:oid:1.3.6.1.4.1.5923.1.1.1.1",
  mail: "urn:oid:0.9.2342.19200300.100.1.3",
  givenName: "urn:oid:2.5.4.42",
  sn: "urn:oid:2.5.4.4",
  preferredLanguage: "urn:oid:2.16.840.1.113730.3.1.39",
} as const;

export interface TestPerson {
  /** eduPersonPrincipalName; absent to test a missing primary id */
  eppn?: string;
  affiliations: string[];
  mail?: string;
  givenName?: string;
  sn?: string;
  preferredLanguage?: string;
}

export interface ResponseOptions {
  person: TestPerson;
  /** the SP entity id put in the AudienceRestriction */
  audience: string;
  /** the ACS address: SubjectConfirmationData Recipient and Response Destination */
  recipient: string;
  destination?: string;
  issuer?: string;
  inResponseTo?: string;
  /** what the window is measured from (the app's clock in tests) */
  now: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  /** the subject's NameID (transient) and the AuthnStatement's SessionIndex; random by default */
  nameId?: string;
  sessionIndex?: string;
  /** which element carries the signature */
  sign?: "assertion" | "response" | "both" | "none";
  key?: string;
  cert?: string;
}

/** XML (and HTML) text escaped for an attribute or element. */
export const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function attributeXml(name: string, friendlyName: string, values: string[] | undefined): string {
  if (!values || values.length === 0) return "";
  const vals = values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`);
  return `<saml:Attribute Name="${name}" FriendlyName="${friendlyName}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${vals.join("")}</saml:Attribute>`;
}

export function sign(
  xml: string,
  elementName: "Assertion" | "Response" | "LogoutRequest",
  key: string,
  cert: string,
): string {
  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  const element = `//*[local-name(.)='${elementName}']`;
  sig.addReference({
    xpath: element,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  // The signature goes right after the element's own Issuer, where the schema wants it.
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: `${element}/*[local-name(.)='Issuer']`, action: "after" },
  });
  return sig.getSignedXml();
}

/** The Response's assertion, signed as `sign` says: what the provider encrypts when it encrypts. */
export function assertionXml(o: ResponseOptions): string {
  const issuer = o.issuer ?? IDP_ENTITY_ID;
  const issued = o.now.toISOString();
  const notBefore = (o.notBefore ?? new Date(o.now.getTime() - 5_000)).toISOString();
  const notOnOrAfter = (o.notOnOrAfter ?? new Date(o.now.getTime() + 5 * 60_000)).toISOString();
  const assertionId = o.assertionId ?? `_a${randomUUID()}`;
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
  const p = o.person;
  const attributes = [
    attributeXml(OID.eduPersonPrincipalName, "eduPersonPrincipalName", p.eppn ? [p.eppn] : undefined),
    attributeXml(OID.eduPersonAffiliation, "eduPersonAffiliation", p.affiliations),
    attributeXml(OID.mail, "mail", p.mail ? [p.mail] : undefined),
    attributeXml(OID.givenName, "givenName", p.givenName ? [p.givenName] : undefined),
    attributeXml(OID.sn, "sn", p.sn ? [p.sn] : undefined),
    attributeXml(OID.preferredLanguage, "preferredLanguage", p.preferredLanguage ? [p.preferredLanguage] : undefined),
  ].join("");
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${assertionId}" Version="2.0" IssueInstant="${issued}">` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${esc(o.nameId ?? `_t${randomUUID()}`)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(o.recipient)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${esc(o.sessionIndex ?? `_s${randomUUID()}`)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion>`;
  const key = o.key ?? IDP_KEY;
  const cert = o.cert ?? IDP_CERT;
  const mode = o.sign ?? "assertion";
  const signed = mode === "assertion" || mode === "both" ? sign(assertion, "Assertion", key, cert) : assertion;
  return signed.replace(/^<\?xml[^>]*>/, "");
}

/**
 * A SAML Response as the provider posts it, as XML text; `assertion` replaces the assertion
 * (an EncryptedAssertion).
 */
export function samlResponseXml(o: ResponseOptions, assertion = assertionXml(o)): string {
  const issuer = o.issuer ?? IDP_ENTITY_ID;
  const issued = o.now.toISOString();
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
  const key = o.key ?? IDP_KEY;
  const cert = o.cert ?? IDP_CERT;
  const mode = o.sign ?? "assertion";
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${issued}" Destination="${esc(o.destination ?? o.recipient)}"${inResponseTo}>` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  return mode === "response" || mode === "both" ? sign(response, "Response", key, cert) : response;
}

/** The same, base64 as in the ACS form's SAMLResponse field. */
export const samlResponse = (o: ResponseOptions): string => Buffer.from(samlResponseXml(o)).toString("base64");

/** What an AuthnRequest (HTTP-Redirect binding) asks. */
export function readAuthnRequest(url: string): { id: string; acsUrl: string; issuer: string; destination: string } {
  const u = new URL(url);
  const xml = inflateRawSync(Buffer.from(u.searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
  const doc = new DOMParser().parseFromString(xml, "text/xml").documentElement;
  if (!doc) throw new Error("no AuthnRequest");
  return {
    id: doc.getAttribute("ID") ?? "",
    acsUrl: doc.getAttribute("AssertionConsumerServiceURL") ?? "",
    destination: doc.getAttribute("Destination") ?? "",
    issuer: doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer")[0]?.textContent ?? "",
  };
}

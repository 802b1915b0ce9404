import type { SAML } from "@node-saml/node-saml";
import type { SamlEndpoints, SamlSettings } from "./saml-client.js";
import { assertionAttributes, attr, children, first, text, type AssertionNode } from "./saml-assertion.js";

/**
 * How far the provider's clock may be from Recto's when NotBefore and NotOnOrAfter are read:
 * one minute, as most federations advise (docs/sign-on.md).
 */
export const SAML_CLOCK_SKEW_MS = 60_000;

/** Why a SAML response was refused: said in the administrator's log line, never to the person. */
export type SamlRefusalReason =
  | "unreadable"
  | "provider_error"
  | "bad_signature"
  | "unsigned"
  | "not_encrypted"
  | "undecryptable"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_recipient"
  | "wrong_destination"
  | "not_yet_valid"
  | "expired"
  | "unknown_request"
  | "replayed";

export class SamlRefusal extends Error {
  constructor(
    readonly reason: SamlRefusalReason,
    detail: string,
  ) {
    super(detail);
  }
}

export interface CheckedAssertion {
  assertionId: string;
  /** when the assertion can no longer be used: how long the replay cache keeps its id */
  usableUntil: Date;
  /** the AuthnRequest this answers, or null when the provider began the sign-in */
  inResponseTo: string | null;
  attributes: Record<string, string[]>;
  nameId: { value: string; format: string | null } | null;
  sessionIndex: string | null;
}

const time = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new SamlRefusal("unreadable", `unreadable time ${value}`);
  return ms;
};

const XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

// Loaded with the first SAML answer, like node-saml (saml-client.ts).
const parse = async (xml: string) => new (await import("@xmldom/xmldom")).DOMParser().parseFromString(xml, "text/xml");

const SAML_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
type XmlElement = Awaited<ReturnType<typeof parse>>["documentElement"];

/** Whether the response (its own XML, as posted) carries its assertion encrypted. */
const isEncrypted = (response: XmlElement | undefined): boolean =>
  Array.from(response?.getElementsByTagNameNS(SAML_ASSERTION, "EncryptedAssertion") ?? []).some(
    (e) => e.parentNode === response,
  );

async function refusalOf(err: unknown, samlResponse: string): Promise<SamlRefusal> {
  if (err instanceof SamlRefusal) return err;
  // node-saml's SamlStatusError: the provider answered with an error status
  if (err instanceof Error && "xmlStatus" in err) return new SamlRefusal("provider_error", err.message);
  const message = err instanceof Error ? err.message : String(err);
  if (/audience/i.test(message)) return new SamlRefusal("wrong_audience", message);
  let doc: Awaited<ReturnType<typeof parse>> | undefined;
  try {
    doc = await parse(Buffer.from(samlResponse, "base64").toString("utf8"));
  } catch {
    // unreadable here means unreadable to node-saml too: said by node-saml's message below
  }
  const encrypted = isEncrypted(doc?.documentElement);
  if (/signature/i.test(message)) {
    // Told apart for the administrator: a provider set up not to sign, or a signature that fails.
    // An encrypted assertion hides its signature, so a failure there is a signature that fails.
    const signed = !doc || encrypted || doc.getElementsByTagNameNS(XMLDSIG, "Signature").length > 0;
    return new SamlRefusal(signed ? "bad_signature" : "unsigned", message);
  }
  // Encrypted to another key than Recto's (an old certificate, another SP's), or damaged.
  if (encrypted) return new SamlRefusal("undecryptable", message);
  return new SamlRefusal("unreadable", message);
}

/** The window [NotBefore, NotOnOrAfter) widened by the skew must hold `now`. */
function checkWindow(now: number, node: AssertionNode | undefined, what: string): number | undefined {
  const notBefore = time(attr(node, "NotBefore"));
  const notOnOrAfter = time(attr(node, "NotOnOrAfter"));
  if (notBefore !== undefined && now + SAML_CLOCK_SKEW_MS < notBefore) {
    throw new SamlRefusal("not_yet_valid", `${what} NotBefore ${attr(node, "NotBefore")}`);
  }
  if (notOnOrAfter !== undefined && now - SAML_CLOCK_SKEW_MS >= notOnOrAfter) {
    throw new SamlRefusal("expired", `${what} NotOnOrAfter ${attr(node, "NotOnOrAfter")}`);
  }
  return notOnOrAfter;
}

/**
 * Checks a SAMLResponse (base64, from the ACS form) and returns the signed assertion's content.
 * Nothing is written: InResponseTo and replay are checked against the database by the caller.
 */
export async function checkSamlResponse(
  client: SAML,
  samlResponse: string,
  settings: SamlSettings,
  endpoints: SamlEndpoints,
  now: Date,
): Promise<CheckedAssertion> {
  let assertion: AssertionNode;
  let responseXml: string;
  try {
    const { profile } = await client.validatePostResponseAsync({ SAMLResponse: samlResponse });
    if (!profile) throw new SamlRefusal("unreadable", "no assertion in the response");
    assertion = (profile.getAssertion?.() as { Assertion: AssertionNode }).Assertion;
    responseXml = profile.getSamlResponseXml?.() ?? "";
  } catch (err) {
    throw await refusalOf(err, samlResponse);
  }
  const nowMs = now.getTime();
  const response = (await parse(responseXml)).documentElement;
  if (settings.require_encrypted_assertions && !isEncrypted(response)) {
    throw new SamlRefusal(
      "not_encrypted",
      "the assertion came unencrypted and the provider is set to require encryption",
    );
  }

  const issuer = text(first(assertion, "Issuer"));
  if (issuer !== settings.idp_entity_id) {
    throw new SamlRefusal("wrong_issuer", `assertion issuer ${issuer ?? "(none)"}`);
  }
  const responseIssuer = response?.getElementsByTagNameNS(SAML_ASSERTION, "Issuer")[0];
  if (responseIssuer?.parentNode === response && responseIssuer.textContent?.trim() !== settings.idp_entity_id) {
    throw new SamlRefusal("wrong_issuer", `response issuer ${responseIssuer.textContent ?? ""}`);
  }
  const destination = response?.getAttribute("Destination");
  if (destination && destination !== endpoints.acsUrl) {
    throw new SamlRefusal("wrong_destination", `destination ${destination}`);
  }
  const inResponseTo = response?.getAttribute("InResponseTo") || null;

  const conditionsEnd = checkWindow(nowMs, first(assertion, "Conditions"), "Conditions");
  // Web SSO: a bearer confirmation addressed to this ACS, within its own window.
  const subject = first(assertion, "Subject");
  const bearer = children(subject, "SubjectConfirmation").filter(
    (c) => attr(c, "Method") === "urn:oasis:names:tc:SAML:2.0:cm:bearer",
  );
  const data = bearer.map((c) => first(c, "SubjectConfirmationData"));
  const addressed = data.filter((d) => attr(d, "Recipient") === endpoints.acsUrl);
  if (addressed.length === 0) {
    const recipients = data.map((d) => attr(d, "Recipient") ?? "(none)").join(", ");
    throw new SamlRefusal("wrong_recipient", `recipient ${recipients || "(no bearer confirmation)"}`);
  }
  const confirmation = addressed[0];
  const confirmationEnd = checkWindow(nowMs, confirmation, "SubjectConfirmationData");
  const confirmationFor = attr(confirmation, "InResponseTo");
  if (confirmationFor && inResponseTo && confirmationFor !== inResponseTo) {
    throw new SamlRefusal("unknown_request", `InResponseTo ${inResponseTo} and ${confirmationFor} differ`);
  }
  const ends = [conditionsEnd, confirmationEnd].filter((t): t is number => t !== undefined);
  if (ends.length === 0) throw new SamlRefusal("unreadable", "the assertion has no NotOnOrAfter");

  const assertionId = attr(assertion, "ID");
  if (!assertionId) throw new SamlRefusal("unreadable", "the assertion has no ID");
  const nameIdNode = first(subject, "NameID");
  const nameIdValue = text(nameIdNode);
  return {
    assertionId,
    usableUntil: new Date(Math.min(...ends) + SAML_CLOCK_SKEW_MS),
    inResponseTo: inResponseTo ?? confirmationFor ?? null,
    attributes: assertionAttributes(assertion),
    nameId: nameIdValue ? { value: nameIdValue, format: attr(nameIdNode, "Format") ?? null } : null,
    sessionIndex: attr(first(assertion, "AuthnStatement"), "SessionIndex") ?? null,
  };
}

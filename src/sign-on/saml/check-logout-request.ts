import { inflateRawSync } from "node:zlib";
import type { Profile, SAML } from "@node-saml/node-saml";
import { SAML_CLOCK_SKEW_MS, SamlRefusal } from "./check-saml-response.js";
import type { SamlEndpoints, SamlSettings } from "./saml-client.js";

/**
 * How old a LogoutRequest may be when it arrives: the provider sends it as the person signs out,
 * so a few minutes (beyond the skew) cover a slow browser; older is refused as a replay would be.
 * The id is remembered that long, so the same request is acted on once.
 */
export const SAML_LOGOUT_MAX_AGE_MS = 5 * 60_000;

/**
 * The most a Redirect's deflated LogoutRequest may inflate to, as much as the POST binding's
 * base64 may carry: a LogoutRequest is a few kilobytes, and a few kilobytes of address can
 * otherwise inflate to megabytes read before any signature is checked.
 */
export const MAX_LOGOUT_REQUEST_BYTES = 100_000;

/** A LogoutRequest as it reached the SLO address, by either binding. */
export type LogoutMessage =
  { binding: "redirect"; query: Record<string, string>; rawQuery: string } | { binding: "post"; samlRequest: string };

export interface CheckedLogoutRequest {
  id: string;
  nameId: string;
  /** present: only the session of that sign-in ends; absent: every session of the NameID */
  sessionIndex: string | null;
  /** until when the id is remembered against a replay */
  usableUntil: Date;
  /** node-saml's reading, which the LogoutResponse answers */
  profile: Profile;
}

const SAML_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

const parse = async (xml: string) => new (await import("@xmldom/xmldom")).DOMParser().parseFromString(xml, "text/xml");

function xmlOf(message: LogoutMessage): string {
  try {
    const encoded = message.binding === "redirect" ? message.query.SAMLRequest : message.samlRequest;
    const bytes = Buffer.from(encoded ?? "", "base64");
    const xml =
      message.binding === "redirect" ? inflateRawSync(bytes, { maxOutputLength: MAX_LOGOUT_REQUEST_BYTES }) : bytes;
    return xml.toString("utf8");
  } catch (err) {
    throw new SamlRefusal("unreadable", `SAMLRequest: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function refusalOf(err: unknown, nameIdEncrypted: boolean): SamlRefusal {
  if (err instanceof SamlRefusal) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/issuer/i.test(message)) return new SamlRefusal("wrong_issuer", message);
  if (/signature/i.test(message)) return new SamlRefusal("bad_signature", message);
  // The signature held (node-saml checks it first), so the EncryptedID was encrypted to another
  // key than this one (the other key of a rollover, a retired one) or damaged: the caller may try
  // its other key (checkWithEachKey).
  if (nameIdEncrypted) return new SamlRefusal("undecryptable", message);
  return new SamlRefusal("unreadable", message);
}

/**
 * Checks a LogoutRequest the provider sent: signed by one of the provider's certificates (node-saml
 * checks the redirect's query signature or the POST's XML signature, and the issuer), addressed
 * to this SLO address, and issued within the last few minutes by Recto's clock. A redirect without
 * a signature, which node-saml would let through, is refused here: anyone could otherwise sign a
 * person out by a link. An encrypted NameID (EncryptedID) is decrypted with the client's key; one
 * that does not decrypt is refused as `undecryptable`. Nothing is written: the replay check is the
 * caller's.
 */
export async function checkLogoutRequest(
  client: SAML,
  message: LogoutMessage,
  settings: SamlSettings,
  endpoints: SamlEndpoints,
  now: Date,
): Promise<CheckedLogoutRequest> {
  const xml = xmlOf(message);
  const request = (await parse(xml)).documentElement;
  if (request?.localName !== "LogoutRequest") throw new SamlRefusal("unreadable", "not a LogoutRequest");
  const signed =
    message.binding === "redirect"
      ? Boolean(message.query.Signature && message.query.SigAlg)
      : request.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").length > 0;
  if (!signed) throw new SamlRefusal("unsigned", `an unsigned LogoutRequest (${message.binding})`);
  let profile: Profile | null;
  try {
    ({ profile } =
      message.binding === "redirect"
        ? await client.validateRedirectAsync(message.query, message.rawQuery)
        : await client.validatePostRequestAsync({ SAMLRequest: message.samlRequest }));
  } catch (err) {
    const nameIdEncrypted = Array.from(request.getElementsByTagNameNS(SAML_ASSERTION, "EncryptedID")).some(
      (e) => e.parentNode === request,
    );
    throw refusalOf(err, nameIdEncrypted);
  }
  if (!profile?.ID || !profile.nameID) throw new SamlRefusal("unreadable", "a LogoutRequest without ID or NameID");
  if (profile.issuer !== settings.idp_entity_id) throw new SamlRefusal("wrong_issuer", `issuer ${profile.issuer}`);
  const destination = request.getAttribute("Destination");
  if (destination && destination !== endpoints.sloUrl) {
    throw new SamlRefusal("wrong_destination", `destination ${destination}`);
  }
  const issued = Date.parse(request.getAttribute("IssueInstant") ?? "");
  if (Number.isNaN(issued)) throw new SamlRefusal("unreadable", "a LogoutRequest without IssueInstant");
  if (issued > now.getTime() + SAML_CLOCK_SKEW_MS) {
    throw new SamlRefusal("not_yet_valid", `IssueInstant ${request.getAttribute("IssueInstant")}`);
  }
  const usableUntil = issued + SAML_LOGOUT_MAX_AGE_MS + SAML_CLOCK_SKEW_MS;
  if (now.getTime() >= usableUntil) {
    throw new SamlRefusal("expired", `IssueInstant ${request.getAttribute("IssueInstant")}`);
  }
  return {
    id: profile.ID,
    nameId: profile.nameID,
    sessionIndex: profile.sessionIndex ?? null,
    usableUntil: new Date(usableUntil),
    profile,
  };
}

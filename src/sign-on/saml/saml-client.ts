import type { SAML } from "@node-saml/node-saml";
import type { SamlSettings } from "../provider-model.js";
import type { SpKeyPair } from "./sp-certificate.js";

export type { SamlSettings };

/** Recto's own addresses for one SAML provider, under PUBLIC_URL. */
export interface SamlEndpoints {
  metadataUrl: string;
  acsUrl: string;
  /** single logout: where the provider sends its LogoutRequest (Redirect and POST) */
  sloUrl: string;
  entityId: string;
}

export function samlEndpoints(
  publicUrl: string,
  institutionCode: string,
  providerCode: string,
  settings: Pick<SamlSettings, "sp_entity_id">,
): SamlEndpoints {
  const base = `${publicUrl}/auth/saml/${encodeURIComponent(institutionCode)}/${encodeURIComponent(providerCode)}`;
  const metadataUrl = `${base}/metadata`;
  return { metadataUrl, acsUrl: `${base}/acs`, sloUrl: `${base}/slo`, entityId: settings.sp_entity_id || metadataUrl };
}

export interface SamlClientOptions {
  /** Recto's key pair for the provider: its private key decrypts an EncryptedAssertion */
  key?: SpKeyPair;
  /** sign the messages Recto sends through the redirect (needs `key`) */
  sign?: boolean;
  generateUniqueId?: () => string;
}

/**
 * node-saml checks the XML signatures (against the provider's certificates, refusing signature
 * wrapping), decrypts an EncryptedAssertion and checks the audience. The checks that need Recto's
 * clock or database (validity window, InResponseTo, replay) and those node-saml leaves out
 * (issuer, recipient, destination, an unsigned redirect message) are Recto's own
 * (check-saml-response.ts, check-logout-request.ts), so its time checks are switched off here.
 */
// node-saml (with xml-crypto, xml2js, xmlbuilder) loads with the first SAML sign-in, not at start.
let nodeSaml: Promise<typeof import("@node-saml/node-saml")> | undefined;

export async function samlClient(
  settings: SamlSettings,
  endpoints: SamlEndpoints,
  options: SamlClientOptions = {},
): Promise<SAML> {
  const { SAML, ValidateInResponseTo } = await (nodeSaml ??= import("@node-saml/node-saml"));
  const { key, sign = false, generateUniqueId } = options;
  if (sign && !key) throw new Error("signing a SAML message needs Recto's key");
  return new SAML({
    entryPoint: settings.idp_sso_url,
    logoutUrl: settings.idp_slo_url || undefined,
    issuer: endpoints.entityId,
    audience: endpoints.entityId,
    callbackUrl: endpoints.acsUrl,
    idpCert: settings.idp_certificates,
    idpIssuer: settings.idp_entity_id,
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: settings.want_assertions_signed,
    acceptedClockSkewMs: -1,
    validateInResponseTo: ValidateInResponseTo.never,
    // The provider chooses the NameID format; the primary id comes from the attribute mapping.
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(key ? { decryptionPvk: key.privateKey } : {}),
    // node-saml's default is SHA-1, which federations no longer accept.
    ...(sign && key ? { privateKey: key.privateKey, signatureAlgorithm: "sha256", digestAlgorithm: "sha256" } : {}),
    ...(generateUniqueId ? { generateUniqueId } : {}),
  });
}

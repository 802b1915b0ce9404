import type { SAML } from "@node-saml/node-saml";
import type { SamlSettings } from "../provider-model.js";

export type { SamlSettings };

/** Recto's own addresses for one SAML provider, under PUBLIC_URL. */
export interface SamlEndpoints {
  metadataUrl: string;
  acsUrl: string;
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
  return { metadataUrl, acsUrl: `${base}/acs`, entityId: settings.sp_entity_id || metadataUrl };
}

/**
 * node-saml checks the XML signatures (against the provider's certificates, refusing signature
 * wrapping) and the audience. The checks that need Recto's clock or database (validity window,
 * InResponseTo, replay) and those node-saml leaves out (issuer, recipient, destination) are
 * Recto's own (check-saml-response.ts), so its time checks are switched off here.
 */
// node-saml (with xml-crypto, xml2js, xmlbuilder) loads with the first SAML sign-in, not at start.
let nodeSaml: Promise<typeof import("@node-saml/node-saml")> | undefined;

export async function samlClient(
  settings: SamlSettings,
  endpoints: SamlEndpoints,
  generateUniqueId?: () => string,
): Promise<SAML> {
  const { SAML, ValidateInResponseTo } = await (nodeSaml ??= import("@node-saml/node-saml"));
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
    ...(generateUniqueId ? { generateUniqueId } : {}),
  });
}

import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";

/** A SAML provider's settings as stored (sign-on/provider-schemas.ts validates them). */
export interface SamlSettings {
  idp_entity_id: string;
  idp_sso_url: string;
  idp_slo_url?: string | null;
  /** PEM certificates the provider signs with (several during a key rollover) */
  idp_certificates: string[];
  /** Recto's entity id at this provider; defaults to the metadata address */
  sp_entity_id?: string | null;
  /** true: the assertion itself must be signed; false: a signed response or a signed assertion */
  want_assertions_signed: boolean;
}

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
export function samlClient(settings: SamlSettings, endpoints: SamlEndpoints, generateUniqueId?: () => string): SAML {
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

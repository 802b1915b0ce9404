import type { SamlEndpoints, SamlSettings } from "./saml-client.js";

/*
 * Recto's SAML 2.0 service provider metadata for one provider, as a federation registers it:
 * the entity id, Recto's certificates for signing and for encryption (the active key's first;
 * during a key rollover the other key's too, so that the provider learns it before Recto signs
 * with it, and can encrypt to either: Recto decrypts with both), single logout (Redirect
 * and POST) and the assertion consumer service (POST). Written here rather than by node-saml,
 * which publishes a key only when it signs requests and single logout only for POST.
 */

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const BINDING = "urn:oasis:names:tc:SAML:2.0:bindings";

/**
 * What Recto can decrypt (xml-encryption): content by AES, GCM first as current federations
 * advise, and the key by RSA-OAEP (the xmlenc 1.0 form; xmlenc 1.1's RSA-OAEP it cannot read).
 */
const ENCRYPTION_METHODS = [
  "http://www.w3.org/2009/xmlenc11#aes128-gcm",
  "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
  "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
  "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The certificate's base64 body, as X509Certificate holds it. */
const certificateBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, "");

const keyDescriptor = (use: "signing" | "encryption", certificate: string, methods: string[] = []) =>
  `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(certificate)}` +
  `</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
  methods.map((m) => `<md:EncryptionMethod Algorithm="${m}"/>`).join("") +
  `</md:KeyDescriptor>`;

export function spMetadata(
  endpoints: SamlEndpoints,
  settings: Pick<SamlSettings, "want_assertions_signed" | "sign_authn_requests">,
  certificates: string[],
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="${MD}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${esc(endpoints.entityId)}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"` +
    ` AuthnRequestsSigned="${settings.sign_authn_requests}" WantAssertionsSigned="${settings.want_assertions_signed}">` +
    certificates.map((c) => keyDescriptor("signing", c)).join("") +
    certificates.map((c) => keyDescriptor("encryption", c, ENCRYPTION_METHODS)).join("") +
    `<md:SingleLogoutService Binding="${BINDING}:HTTP-Redirect" Location="${esc(endpoints.sloUrl)}"/>` +
    `<md:SingleLogoutService Binding="${BINDING}:HTTP-POST" Location="${esc(endpoints.sloUrl)}"/>` +
    `<md:AssertionConsumerService Binding="${BINDING}:HTTP-POST" Location="${esc(endpoints.acsUrl)}" index="0" isDefault="true"/>` +
    `</md:SPSSODescriptor></md:EntityDescriptor>\n`
  );
}

import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { sayOnFailure } from "../shared/messages/index.js";

/*
 * What an identity provider is made of, as stored (identity_providers.settings and .mapping are
 * JSON text) and as the administration API accepts it. Pure, so the domain (the sign-in use case,
 * the protocols) reads the stored JSON through the same schemas the routes check input with;
 * provider-schemas.ts re-exports them for the routes (the domain may not import a schema file).
 */

const text = (max = 500) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);

export const oidcSettings = z.object({
  /** the issuer URL; its /.well-known/openid-configuration is read at each sign-in start */
  issuer: url,
  client_id: text(),
  /**
   * absent for a public client (PKCE alone); never answered by the API. Stored sealed with the
   * secrets key, which makes it longer than the 500 characters the API accepts (provider-schemas.ts):
   * up to 1500 bytes of UTF-8 (3 a character), 2000 in base64, and the format's 61 around them.
   */
  client_secret: z.string().max(2100).nullable().optional(),
  /** "openid" is always asked for; these are added (e.g. profile, email) */
  scopes: z.array(text(100)).max(20).default(["openid", "profile", "email"]),
});
export type OidcSettings = z.infer<typeof oidcSettings>;

function isX509(value: string): boolean {
  try {
    new X509Certificate(value);
    return true;
  } catch {
    return false;
  }
}

const pem = z
  .string()
  .trim()
  .max(20_000)
  // The markers alone are not enough: a certificate that does not parse would refuse every sign-in.
  .refine((v) => /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(v) && isX509(v), {
    message: "must be a PEM certificate that can be read (an X.509 certificate)",
    params: sayOnFailure("pemCertificate"),
  });

export const samlSettings = z.object({
  idp_entity_id: text(1000),
  idp_sso_url: url,
  idp_slo_url: url.nullable().optional(),
  /** the identity provider's signing certificates (several while it rolls its key over) */
  idp_certificates: z.array(pem).min(1, "must name at least one certificate").max(5),
  /** Recto's entity id; by default the metadata URL */
  sp_entity_id: z.string().trim().max(1000).nullable().optional(),
  /** true: each assertion must be signed; false: a signed response suffices */
  want_assertions_signed: z.boolean().default(true),
  /** true: an assertion that comes unencrypted is refused (the provider must encrypt to Recto's key) */
  require_encrypted_assertions: z.boolean().default(false),
  /** true: AuthnRequests are signed with Recto's key (the metadata then says AuthnRequestsSigned) */
  sign_authn_requests: z.boolean().default(false),
});
export type SamlSettings = z.infer<typeof samlSettings>;

/** A provider's settings, told apart by its protocol. */
export const providerSettings = z.discriminatedUnion("protocol", [
  z.object({ protocol: z.literal("oidc"), settings: oidcSettings }),
  z.object({ protocol: z.literal("saml"), settings: samlSettings }),
]);
export type ProviderSettings = z.infer<typeof providerSettings>;
export type Protocol = ProviderSettings["protocol"];
export const PROTOCOLS = ["oidc", "saml"] as const satisfies readonly Protocol[];

const attributeName = text(200);

/** Which claim or attribute fills each user field, and the user group through a table of values. */
export const attributeMapping = z.object({
  primary_id: attributeName,
  /**
   * Which field of an existing user the primary id attribute's value is compared with on sign-in
   * (a library that loaded its patrons under another id may match them by card or email); a new
   * account gets it as its primary id either way.
   */
  match_by: z.enum(["primary_id", "barcode", "email"]).default("primary_id"),
  email: attributeName.nullable().optional(),
  first_name: attributeName.nullable().optional(),
  last_name: attributeName.nullable().optional(),
  preferred_language: attributeName.nullable().optional(),
  user_group: z.object({
    attribute: attributeName,
    /** the first rule (in order) whose value one of the attribute's values equals gives the group */
    rules: z.array(z.object({ value: text(200), user_group_code: text(50) })).max(200),
    /** the group when no rule matches; null refuses the sign-in */
    default_user_group_code: z.string().trim().min(1).max(50).nullable(),
  }),
});
export type AttributeMapping = z.infer<typeof attributeMapping>;
export type AttributeMappingInput = z.input<typeof attributeMapping>;

/** A provider as the repository returns it: its JSON read back through the schemas above. */
export type IdentityProvider = {
  id: number;
  institution_id: number;
  code: string;
  label: string;
  enabled: boolean;
  sort_order: number;
  mapping: AttributeMapping;
  create_accounts: boolean;
  created_at: string;
  updated_at: string;
} & ProviderSettings;

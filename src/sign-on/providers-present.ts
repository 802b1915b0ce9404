import type { z } from "zod";
import type { providerAnswer } from "./provider-schemas.js";
import type { IdentityProvider } from "./provider-model.js";

/** Addresses of a provider on this site, for its administrator to give the provider. */
export interface ProviderAddresses {
  publicUrl: string;
  institutionCode: string;
}

/** The JSON providers-routes.ts answers: the client secret withheld. */
export function presentProvider(p: IdentityProvider, at: ProviderAddresses): z.infer<typeof providerAnswer> {
  const inst = encodeURIComponent(at.institutionCode);
  const code = encodeURIComponent(p.code);
  const { client_secret: secret, ...settings } =
    p.protocol === "oidc" ? p.settings : { ...p.settings, client_secret: null };
  return {
    id: p.id,
    code: p.code,
    label: p.label,
    protocol: p.protocol,
    enabled: p.enabled,
    sort_order: p.sort_order,
    create_accounts: p.create_accounts,
    settings,
    client_secret_set: !!secret,
    mapping: p.mapping,
    redirect_uri: p.protocol === "oidc" ? `${at.publicUrl}/auth/sso/${inst}/${code}/callback` : null,
    metadata_url: p.protocol === "saml" ? `${at.publicUrl}/auth/saml/${inst}/${code}/metadata` : null,
    start_url: `/auth/sso/${inst}/${code}/start`,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

import type { Generated } from "kysely";
import type { Bool, Id, Json, Timestamp } from "./columns.js";

/** An institution's OpenID Connect or SAML 2.0 identity provider (026_sign_on). */
export interface IdentityProvidersTable {
  id: Id;
  institution_id: number;
  /** unique in the institution; part of the provider's addresses */
  code: string;
  /** the sign-in button's text */
  label: string;
  protocol: "oidc" | "saml";
  enabled: Generated<Bool>;
  sort_order: Generated<number>;
  /** the protocol's settings (sign-on/provider-schemas.ts, `providerSettings`) */
  settings: Json;
  /** claims or attributes to user fields and groups (sign-on/provider-schemas.ts, `attributeMapping`) */
  mapping: Json;
  /** 0/1: a person without an account gets one on first sign-in */
  create_accounts: Generated<Bool>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A sign-in under way at an OpenID provider, between the start and the callback; used once. */
export interface SignOnStatesTable {
  id: Id;
  institution_id: number;
  provider_id: number;
  /** sha256 of the state sent to the provider */
  state_hash: string;
  nonce: string;
  /** the PKCE code verifier (S256) */
  code_verifier: string;
  app: "patron" | "staff";
  /** a same-site path the person returns to */
  return_path: string;
  expires_at: Timestamp;
}

/** One sign-in through a provider: the users table keeps no history, so this records it. */
export interface SignOnEventsTable {
  id: Id;
  institution_id: number;
  provider_id: number | null;
  user_id: number;
  account_created: Generated<Bool>;
  /** JSON array of the user fields the sign-in changed */
  changed_fields: Json;
  created_at: Timestamp;
}

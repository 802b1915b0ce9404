import * as client from "openid-client";
import { sha256 } from "../auth/tokens.js";
import type { DomainContext } from "../context.js";
import { secretBox } from "../secrets/secrets-key.js";
import { claimsToAttributes, type Attributes } from "./attribute-mapping.js";
import type { IdentityProvider, OidcSettings } from "./provider-model.js";
import { refuseSignOn } from "./refusal.js";
import { deleteExpiredSignOnStates, insertSignOnState, takeSignOnState } from "./sign-on-states-repository.js";

/*
 * The OpenID Connect relying party (openid-client): discovery from the issuer, the authorization
 * code flow with PKCE (S256), state and nonce, and the ID token checked by openid-client (issuer,
 * audience, expiry, signature, nonce). The state, nonce and code verifier wait in sign_on_states
 * between the start and the callback, for ten minutes, and are used once.
 */

type OidcProvider = IdentityProvider & { protocol: "oidc"; settings: OidcSettings };

const STATE_MINUTES = 10;
const DISCOVERY_MINUTES = 10;

const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

const isLoopback = (url: URL) => ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);

/**
 * The provider's configuration, discovered from its issuer and kept ten minutes (a key rollover
 * at the provider is picked up by openid-client's own JWKS refresh). Plain http is allowed only
 * for a provider on this machine (a test or a local one).
 */
function configurationOf(ctx: DomainContext, provider: OidcProvider): Promise<client.Configuration> {
  const now = ctx.clock.now().getTime();
  const s = provider.settings;
  // The stored (sealed) secret, not the clear one, names the cached configuration.
  const key = JSON.stringify([provider.id, provider.updated_at, s.issuer, s.client_id, s.client_secret]);
  const hit = discovered.get(key);
  if (hit && now - hit.at < DISCOVERY_MINUTES * 60_000) return hit.config;
  const issuer = new URL(s.issuer);
  const secret = s.client_secret ? secretBox(ctx.config).open(s.client_secret, "oidc-client-secret") : null;
  const config = client
    .discovery(
      issuer,
      s.client_id,
      secret ? { client_secret: secret } : undefined,
      secret ? client.ClientSecretBasic(secret) : client.None(),
      {
        ...(issuer.protocol === "http:" && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      },
    )
    .catch((err: unknown) => {
      // A failed discovery is not kept: the next sign-in tries again.
      discovered.delete(key);
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
      throw refuseSignOn("provider_unreachable", `discovery at ${s.issuer}: ${String(err)}${cause}`);
    });
  discovered.set(key, { at: now, config });
  return config;
}

/** The callback address registered at the provider for this provider of this institution. */
export function oidcRedirectUri(publicUrl: string, institutionCode: string, providerCode: string): string {
  return `${publicUrl}/auth/sso/${encodeURIComponent(institutionCode)}/${encodeURIComponent(providerCode)}/callback`;
}

/** Starts a sign-in: the provider's authorization URL, with what the callback will check kept. */
export async function startOidcSignIn(
  ctx: DomainContext,
  input: { provider: OidcProvider; institutionCode: string; app: "patron" | "staff"; returnPath: string },
): Promise<URL> {
  const { provider } = input;
  const now = ctx.clock.now();
  const config = await configurationOf(ctx, provider);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await ctx.db.transaction().execute(async (tx) => {
    await deleteExpiredSignOnStates(tx, now.toISOString());
    await insertSignOnState(tx, {
      institution_id: provider.institution_id,
      provider_id: provider.id,
      state_hash: sha256(state),
      nonce,
      code_verifier: codeVerifier,
      app: input.app,
      return_path: input.returnPath,
      expires_at: new Date(now.getTime() + STATE_MINUTES * 60_000).toISOString(),
    });
  });
  const scopes = new Set(["openid", ...provider.settings.scopes]);
  return client.buildAuthorizationUrl(config, {
    redirect_uri: oidcRedirectUri(ctx.config.publicUrl, input.institutionCode, provider.code),
    scope: [...scopes].join(" "),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
}

export interface OidcCallbackResult {
  attributes: Attributes;
  app: "patron" | "staff";
  returnPath: string;
}

/**
 * The provider's answer at the callback: the state taken (unknown, expired or used: refused), the
 * code exchanged with the PKCE verifier, the ID token checked, and the person's claims from the ID
 * token and, where the provider has one, its userinfo endpoint (the ID token's win).
 */
export async function finishOidcSignIn(
  ctx: DomainContext,
  input: { provider: OidcProvider; institutionCode: string; query: Record<string, string> },
): Promise<OidcCallbackResult> {
  const { provider, query } = input;
  const now = ctx.clock.now();
  const state = query.state;
  if (!state) throw refuseSignOn("invalid_state", "the callback has no state");
  const kept = await takeSignOnState(ctx.db, provider.id, sha256(state), now.toISOString());
  if (!kept) throw refuseSignOn("invalid_state", "unknown, expired or already used state");
  if (query.error) {
    throw refuseSignOn("provider_error", `the provider answered ${query.error.slice(0, 100)}`);
  }
  const config = await configurationOf(ctx, provider);
  const callback = new URL(oidcRedirectUri(ctx.config.publicUrl, input.institutionCode, provider.code));
  for (const [k, v] of Object.entries(query)) callback.searchParams.set(k, v);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: kept.code_verifier,
    expectedState: state,
    expectedNonce: kept.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw refuseSignOn("invalid_response", "no ID token");
  let userinfo: Record<string, unknown> = {};
  if (config.serverMetadata().userinfo_endpoint) {
    userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  }
  return {
    attributes: claimsToAttributes({ ...userinfo, ...idClaims }),
    app: kept.app,
    returnPath: kept.return_path,
  };
}

/** The provider's end_session_endpoint with where to come back, or null when it offers none. */
export async function oidcSignOutUrl(ctx: DomainContext, provider: OidcProvider, returnTo: string) {
  try {
    const config = await configurationOf(ctx, provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client
      .buildEndSessionUrl(config, { client_id: provider.settings.client_id, post_logout_redirect_uri: returnTo })
      .toString();
  } catch (err) {
    // Recto's session has ended already; the provider's stays if it cannot be reached.
    ctx.log.warn({ err, provider: provider.code }, "the identity provider's sign-out address could not be read");
    return null;
  }
}

import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../server/context.js";
import { oidcProtocol } from "./oidc-routes.js";
import { samlProtocol } from "./saml/saml-routes.js";
import type { IdentityProvider, Protocol } from "./provider-model.js";
import { findProvider } from "./providers-repository.js";
import type { SignOnApp } from "./sign-on-error-page.js";

/*
 * The sign-on protocols, one entry each: how a sign-in starts at the provider, the protocol's own
 * routes (callbacks, metadata), and how signing out reaches the provider. The start route
 * (sign-on-routes.ts) dispatches on the provider's protocol through this table; server/routes.ts
 * mounts every protocol's routes from it.
 */

/** A sign-in about to go to the provider: everything the start route checked. */
export interface SignOnStart {
  institution: { id: number; code: string };
  provider: IdentityProvider;
  app: SignOnApp;
  /** a same-site path (checked), where the person lands once signed in */
  returnPath: string;
}

/** The session just ended (a SAML LogoutRequest names what its sign-in said, kept by the token's hash). */
export interface EndedSession {
  institution_id: number;
  identity_provider_id: number | null;
  token_hash: string;
}

export interface ProtocolHandler {
  /** Sends the browser to the provider (a redirect), having kept what the way back needs. */
  start(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, start: SignOnStart): Promise<FastifyReply>;
  /** The protocol's own routes, mounted at the root (e.g. /auth/sso/:institution/:provider/callback). */
  routes: FastifyPluginAsyncZod;
  /**
   * Where the browser goes to end the provider's session too, once Recto's has ended (RP-initiated
   * logout); null when the provider offers none. `returnTo` is an absolute URL of Recto's.
   */
  signOutUrl(
    ctx: AppContext,
    provider: IdentityProvider,
    returnTo: string,
    session: EndedSession,
  ): Promise<string | null>;
}

/** Every protocol a provider may use. */
export const PROTOCOLS: Record<Protocol, ProtocolHandler | null> = {
  oidc: oidcProtocol,
  saml: samlProtocol,
};

/**
 * Where to send the browser to sign out at the provider a session came through, once Recto's
 * session has ended; null when it came through none, or the provider offers no sign-out. The
 * provider sends the person back to Recto's front page (register it as the post-logout address).
 */
export async function providerSignOutUrl(ctx: AppContext, session: EndedSession | null): Promise<string | null> {
  if (!session?.identity_provider_id) return null;
  const provider = await findProvider(ctx.db, session.institution_id, { id: session.identity_provider_id });
  const handler = provider ? PROTOCOLS[provider.protocol] : null;
  if (!provider || !handler) return null;
  return handler.signOutUrl(ctx, provider, `${ctx.config.publicUrl}/`, session);
}

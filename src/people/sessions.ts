import { insertSession } from "../auth/repository.js";
import { randomToken, sha256 } from "../auth/tokens.js";
import type { Executor } from "../db/database.js";

/** What signing in gives the browser: the session cookie's token, the CSRF token for writes, and when it ends. */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  userId: number;
  expiresAt: string;
}

/**
 * A browser session for the user, the one way every sign-in (password, OpenID Connect, SAML)
 * makes one: only the token's hash is stored. Called inside the sign-in's own transaction.
 */
export async function openSession(
  tx: Executor,
  user: { id: number; institution_id: number },
  options: { now: Date; ttlHours: number; identityProviderId?: number },
): Promise<OpenedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(options.now.getTime() + options.ttlHours * 3_600_000).toISOString();
  await insertSession(tx, {
    institution_id: user.institution_id,
    user_id: user.id,
    token_hash: sha256(token),
    csrf_token: csrfToken,
    created_at: options.now.toISOString(),
    expires_at: expiresAt,
    identity_provider_id: options.identityProviderId ?? null,
  });
  return { token, csrfToken, userId: user.id, expiresAt };
}

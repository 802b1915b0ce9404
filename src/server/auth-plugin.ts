import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.js";
import { findApiKeyByHash, findSessionByTokenHash, loadActor, touchApiKey } from "../auth/repository.js";
import { safeEqual, sha256 } from "../auth/tokens.js";
import { AppError } from "../errors.js";

export const SESSION_COOKIE = "recto_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function apiKeyFrom(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header) {
    const m = /^(Bearer|apikey)\s+(\S+)$/i.exec(header.trim());
    if (!m?.[2])
      throw new AppError("UNAUTHENTICATED", { message: "Send the API key as 'Authorization: Bearer <key>'." });
    return m[2];
  }
  const q = (req.query as Record<string, unknown> | undefined)?.apikey;
  return typeof q === "string" && q.length > 0 ? q : null;
}

/**
 * Resolves the caller once per HTTP request, from an API key (header or `apikey` query) or
 * the session cookie. Routes decide whether a caller is required; this only identifies.
 */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (req) => {
    const { db, clock } = app.ctx;
    const now = clock.now().toISOString();
    const key = apiKeyFrom(req);
    if (key) {
      const row = await findApiKeyByHash(db, sha256(key));
      const actor = row ? await loadActor(db, row.user_id, "api_key") : null;
      if (!row || !actor)
        throw new AppError("UNAUTHENTICATED", { message: "The API key is not valid or has been revoked." });
      // "Last used" is for people auditing keys; a minute's precision spares a write per request.
      if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
        await touchApiKey(db, row.id, now);
      }
      req.actor = actor;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSessionByTokenHash(db, sha256(token), now);
    const actor = session ? await loadActor(db, session.user_id, "session") : null;
    if (!session || !actor) return;
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !safeEqual(sent, session.csrf_token)) throw new AppError("CSRF_TOKEN_INVALID");
    }
    req.actor = { ...actor, sessionId: session.id };
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError("UNAUTHENTICATED");
  return req.actor;
}

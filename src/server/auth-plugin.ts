import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.js";
import { findActorByApiKeyHash, findActorBySessionHash } from "../auth/repository.js";
import { touchApiKey } from "../people/api-keys-repository.js";
import { safeEqual, sha256 } from "../auth/tokens.js";
import { AppError } from "../errors.js";

export const SESSION_COOKIE = "recto_session";
const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Answers callers without credentials (sign-in, health, docs, download links); every other route needs one. */
    public?: boolean;
    /**
     * An identity provider's answer arrives here and starts a new session: a session cookie the
     * browser also sends is ignored (the provider's form post carries no CSRF token).
     */
    signOn?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered after the app was created, in order: what the route-wide tests walk. */
    routeCatalogue: RouteEntry[];
  }
}

interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Only the reference platform's compatibility routes take a key in the URL: its clients send it there. */
const KEY_IN_URL_PREFIX = "/almaws/";

/** Query parameters a client could put an API key in; each is refused outside KEY_IN_URL_PREFIX. */
const KEY_QUERY_NAMES = new Set(["apikey", "api_key", "access_token"]);

/**
 * The routes anyone may call, in one place (a route may also set `config: { public: true }`):
 * health, the API description and Swagger UI's pages and assets, signing in and out, and
 * download links (the token in the path is the credential). Everything else needs a caller.
 */
const PUBLIC_ROUTES: { methods: string[]; url: string; prefix?: true }[] = [
  { methods: ["GET", "HEAD"], url: "/health" },
  { methods: ["GET", "HEAD"], url: "/api/openapi.json" },
  { methods: ["GET", "HEAD"], url: "/api/docs", prefix: true },
  { methods: ["POST"], url: "/api/v1/auth/login" },
  { methods: ["POST"], url: "/api/v1/auth/logout" },
  { methods: ["GET", "HEAD", "POST"], url: "/api/v1/downloads/", prefix: true },
];

function isPublicRoute(method: string, url: string): boolean {
  return PUBLIC_ROUTES.some(
    (r) =>
      r.methods.includes(method) &&
      (r.prefix ? url === r.url || url.startsWith(r.url.replace(/\/?$/, "/")) : url === r.url),
  );
}

const HEADER_SCHEME = /^(bearer|apikey)\s+(\S+)$/i;

function pathOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? req.url.split("?")[0] ?? "";
}

function keyFromQuery(req: FastifyRequest): string | null {
  const query = req.query as Record<string, unknown> | undefined;
  if (!query || typeof query !== "object") return null;
  const names = Object.keys(query).filter((k) => KEY_QUERY_NAMES.has(k.toLowerCase()));
  if (names.length === 0) return null;
  if (!pathOf(req).startsWith(KEY_IN_URL_PREFIX)) {
    throw new AppError("UNAUTHENTICATED", {
      message:
        "An API key in the URL is refused here (URLs end up in logs and browser history): send it as 'Authorization: Bearer <key>'.",
    });
  }
  const name = names.find((k) => k.toLowerCase() === "apikey");
  const value = name === undefined ? undefined : query[name];
  return typeof value === "string" && value.trim().length > 0 ? value.trim() : null;
}

/**
 * The key from `Authorization: Bearer <key>` or `Authorization: apikey <key>` (the reference
 * platform's documented scheme; scheme case and surrounding spaces do not matter) or, on the
 * compatibility routes only, the `apikey` query parameter; the header wins when both are sent.
 */
function apiKeyFrom(req: FastifyRequest): string | null {
  const inUrl = keyFromQuery(req);
  const header = req.headers.authorization;
  if (header !== undefined && header.trim() !== "") {
    const m = HEADER_SCHEME.exec(header.trim());
    if (!m?.[2])
      throw new AppError("UNAUTHENTICATED", { message: "Send the API key as 'Authorization: Bearer <key>'." });
    return m[2];
  }
  return inUrl;
}

/**
 * Marks the PUBLIC_ROUTES public and records every route in `app.routeCatalogue`. Call it right
 * after creating the app, before any plugin adds routes (Swagger UI's are added by its plugin).
 */
export function trackRoutes(app: FastifyInstance): void {
  const catalogue: RouteEntry[] = [];
  app.decorate("routeCatalogue", catalogue);
  app.addHook("onRoute", (route) => {
    const url = route.url ?? route.path;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => isPublicRoute(m, url))) route.config = { ...route.config, public: true };
    for (const method of methods) catalogue.push({ method, url, public: route.config?.public === true });
  });
}

/**
 * Resolves the caller once per HTTP request, from an API key or the session cookie, and
 * refuses an anonymous call to any route not marked `config: { public: true }` with 401
 * before its body, query or parameters are parsed or validated (onRequest runs first).
 * Unknown URLs still answer 404.
 */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (req) => {
    await identify(app, req);
    if (!req.actor && !req.is404 && req.routeOptions.config.public !== true) throw new AppError("UNAUTHENTICATED");
  });
}

async function identify(app: FastifyInstance, req: FastifyRequest): Promise<void> {
  const { db, clock } = app.ctx;
  const now = clock.now().toISOString();
  const key = apiKeyFrom(req);
  if (key) {
    const found = await findActorByApiKeyHash(db, sha256(key));
    if (!found?.actor)
      throw new AppError("UNAUTHENTICATED", { message: "The API key is not valid or has been revoked." });
    const { key: row, actor } = found;
    // "Last used" is for people auditing keys; a minute's precision spares a write per request.
    if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
      await touchApiKey(db, row.id, now);
    }
    req.actor = actor;
    return;
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token || req.routeOptions.config.signOn === true) return;
  const found = await findActorBySessionHash(db, sha256(token), now);
  if (!found?.actor) return;
  const { session, actor } = found;
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !safeEqual(sent, session.csrf_token)) throw new AppError("CSRF_TOKEN_INVALID");
  }
  req.actor = { ...actor, sessionId: session.id };
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError("UNAUTHENTICATED");
  return req.actor;
}

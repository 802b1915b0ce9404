import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config.js";

/**
 * Every HTML page Recto serves (Swagger UI at /api/docs, and web pages to come) may load its
 * own scripts, styles, images and API calls from Recto's origin only, and may not be framed.
 * Swagger UI needs 'unsafe-inline' styles (its components set style attributes) and data: images
 * (its icons); it has no inline script.
 */
const HTML_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** A download link's pages: no script at all; inline styles only; nothing can frame them. */
const LINK_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const HSTS = "max-age=31536000; includeSubDomains";

const DOWNLOADS_PREFIX = "/api/v1/downloads/";

function pathOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? req.url.split("?")[0] ?? "";
}

/**
 * Security headers on every response, set in one onSend hook (register it before any route, so
 * Swagger UI's and the not-found handler's answers get them too). A route that sets its own
 * Content-Security-Policy, X-Frame-Options, Referrer-Policy or Cache-Control keeps it.
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const https = config.publicUrl.startsWith("https://");
  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    if (https) reply.header("strict-transport-security", HSTS);
    const path = pathOf(req);
    const download = path.startsWith(DOWNLOADS_PREFIX);
    // A link's token is in its URL: no page or file reached from it may send that URL on.
    if (download) reply.header("referrer-policy", "no-referrer");
    const type = String(reply.getHeader("content-type") ?? "").toLowerCase();
    if (type.startsWith("text/html")) {
      if (!reply.hasHeader("content-security-policy")) {
        reply.header("content-security-policy", download ? LINK_PAGE_CSP : HTML_CSP);
      }
      if (!reply.hasHeader("x-frame-options")) reply.header("x-frame-options", "DENY");
      if (!reply.hasHeader("referrer-policy")) reply.header("referrer-policy", "no-referrer");
      reply.header("cross-origin-opener-policy", "same-origin");
    } else if (
      type.includes("json") &&
      (path.startsWith("/api/v1/") || path.startsWith("/almaws/")) &&
      !reply.hasHeader("cache-control")
    ) {
      // API answers carry patrons' data (names, requests, files): no browser or proxy keeps them.
      reply.header("cache-control", "no-store");
    }
    return payload;
  });
}

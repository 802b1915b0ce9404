import { beforeAll, describe, expect, it } from "vitest";
import { admin, makeInstitution } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { buildApp } from "./app.js";
import { HSTS } from "./security-headers.js";

const t = useTestApp();

describe("security headers", () => {
  let key: string;
  beforeAll(async () => {
    key = (await admin(t.ctx, await makeInstitution(t.ctx))).apiKey;
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

  it("sends nosniff on every response: API, errors, unknown URLs, docs assets, link pages", async () => {
    for (const [url, status] of [
      ["/api/v1/libraries", 200],
      ["/api/v1/requests", 401],
      ["/api/v1/nothing-here", 404],
      ["/almaws/v1/nothing", 404],
      ["/health", 200],
      ["/api/openapi.json", 200],
      ["/api/docs/", 200],
      ["/api/docs/static/swagger-ui.css", 200],
      [`/api/v1/downloads/${"a".repeat(43)}`, 404],
    ] as const) {
      const res = await get(url, url === "/api/v1/libraries" ? { authorization: `Bearer ${key}` } : {});
      expect(res.statusCode, url).toBe(status);
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it("gives Swagger UI's page a CSP that forbids framing and foreign scripts", async () => {
    for (const url of ["/api/docs", "/api/docs/"]) {
      const res = await get(url);
      if (res.statusCode === 302) continue;
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
    }
  });

  it("keeps a download link's URL to itself: no-referrer and a script-free CSP on its pages", async () => {
    const res = await get(`/api/v1/downloads/${"b".repeat(43)}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("script-src");
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("marks API answers no-store, and leaves the ones that set their own caching alone", async () => {
    const ok = await get("/api/v1/libraries", { authorization: `Bearer ${key}` });
    expect(ok.headers["cache-control"]).toBe("no-store");
    const denied = await get("/api/v1/requests");
    expect(denied.headers["cache-control"]).toBe("no-store");
    expect(denied.headers["content-security-policy"]).toBeUndefined();
    const doc = await get("/api/openapi.json");
    expect(doc.headers["cache-control"]).toBeUndefined();
  });

  it("sends HSTS only when PUBLIC_URL is https, and keeps a page's own CSP", async () => {
    expect(t.config.publicUrl).toMatch(/^http:/);
    expect((await get("/health")).headers["strict-transport-security"]).toBeUndefined();
    const app = await buildApp({ ...t.ctx, config: { ...t.ctx.config, publicUrl: "https://recto.example.edu" } });
    app.get("/own-policy", { config: { public: true } }, (_req, reply) =>
      reply.type("text/html").header("content-security-policy", "default-src 'none'").send("<p>hi</p>"),
    );
    try {
      for (const url of ["/health", "/api/docs/", "/api/v1/requests", "/own-policy"]) {
        const res = await app.inject({ method: "GET", url });
        expect(res.headers["strict-transport-security"], url).toBe(HSTS);
      }
      const own = await app.inject({ method: "GET", url: "/own-policy" });
      expect(own.headers["content-security-policy"]).toBe("default-src 'none'");
      expect(own.headers["x-frame-options"]).toBe("DENY");
    } finally {
      await app.close();
    }
  });
});

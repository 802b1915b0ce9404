import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

/** The error code of a Recto answer or of one in the reference platform's envelope (/almaws). */
function codeOf(body: string): string | undefined {
  if (body.startsWith("<")) return /<errorCode>([^<]*)<\/errorCode>/.exec(body)?.[1];
  const json = JSON.parse(body) as { code?: string; errorList?: { error: { errorCode: string }[] } };
  return json.code ?? json.errorList?.error[0]?.errorCode;
}

/** A concrete URL for a route, with every path parameter given a value no schema accepts. */
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, "not-a-valid-id").replace(/\*$/, "x");

const hostileQuery = "?limit=-5&offset=x&status=%ZZ&id=abc&mms_id=0&item_pid=-1&q=";

const EXPECTED_PUBLIC = [
  "GET /health",
  "GET /api/openapi.json",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "GET /api/v1/downloads/:token",
  "GET /api/v1/downloads/:token/file",
  // the web pages (they ask the API, which checks the caller) and which institution a page serves
  "GET /api/v1/web/institution",
  "GET /",
  "GET /sign-in",
  "GET /titles/*",
  "GET /requests",
  "GET /requests/*",
  "GET /openurl",
  "GET /i/:code",
  "GET /i/:code/*",
  "GET /staff",
  "GET /staff/*",
  "GET /i/:code/staff",
  "GET /i/:code/staff/*",
  "GET /assets/*",
  // sign-on: the sign-in buttons, the start at an identity provider and OpenID Connect's callback
  "GET /api/v1/auth/providers",
  "GET /auth/sso/:institution/:provider/start",
  "GET /auth/sso/:institution/:provider/callback",
  // SAML 2.0: the metadata a federation reads, the ACS the identity provider posts its answer to,
  // and single logout, where the identity provider sends its signed logout request (both bindings)
  "GET /auth/saml/:institution/:provider/metadata",
  "POST /auth/saml/:institution/:provider/acs",
  "GET /auth/saml/:institution/:provider/slo",
  "POST /auth/saml/:institution/:provider/slo",
];

describe("authentication comes before validation, on every route", () => {
  it("knows the routes: every area's, and only the deliberate public ones", () => {
    const routes = t.app.routeCatalogue;
    expect(routes.length).toBeGreaterThan(80);
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    for (const k of ["POST /api/v1/requests", "POST /almaws/v1/users/:user_id/requests", "GET /api/v1/outbox"]) {
      expect(keys).toContain(k);
    }
    const publicOnes = routes.filter((r) => r.public && !r.url.startsWith("/api/docs") && r.method !== "HEAD");
    expect(publicOnes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...EXPECTED_PUBLIC].sort());
    // Swagger UI's pages and assets are public too, and nothing else under /api/docs is hidden from it.
    expect(routes.filter((r) => r.url.startsWith("/api/docs")).every((r) => r.public)).toBe(true);
  });

  it("answers 401 UNAUTHENTICATED to an anonymous call with malformed params, query and body, never 400", async () => {
    const guarded = t.app.routeCatalogue.filter((r) => !r.public);
    const wrong: string[] = [];
    for (const route of guarded) {
      const url = concrete(route.url) + hostileQuery;
      const variants: { headers: Record<string, string>; payload?: string }[] = [{ headers: {} }];
      if (!["GET", "HEAD", "OPTIONS"].includes(route.method)) {
        variants.push(
          { headers: { "content-type": "application/json" }, payload: '{"broken": [' },
          { headers: { "content-type": "application/json" }, payload: '{"unexpected": {"deep": [1, "x", null]}}' },
          { headers: { "content-type": "multipart/form-data; boundary=zz" }, payload: "--zz\r\nnot a part" },
          { headers: { "content-type": "application/xml" }, payload: "<user_request><oops></user_request>" },
        );
      }
      // A session cookie that matches no session is no caller either.
      variants.push({ headers: { cookie: "recto_session=not-a-session" } });
      for (const v of variants) {
        const res = await t.app.inject({
          method: route.method as "GET",
          url,
          headers: v.headers,
          ...(v.payload !== undefined ? { payload: v.payload } : {}),
        });
        const code = route.method === "HEAD" ? "HEAD" : codeOf(res.body);
        if (res.statusCode !== 401 || (route.method !== "HEAD" && code !== "UNAUTHENTICATED")) {
          wrong.push(
            `${route.method} ${route.url} [${v.headers["content-type"] ?? "no body"}] -> ${res.statusCode} ${code}`,
          );
        }
      }
    }
    expect(guarded.length).toBeGreaterThan(80);
    expect(wrong).toEqual([]);
  });

  it("still validates an anonymous call to a public route, and answers unknown URLs with 404", async () => {
    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { user_id: 5 } });
    expect(login.statusCode).toBe(400);
    expect(codeOf(login.body)).toBe("VALIDATION_FAILED");
    const unknown = await t.app.inject({ method: "POST", url: "/api/v1/no-such-thing", payload: "{" });
    expect(unknown.statusCode).toBe(404);
    expect(codeOf(unknown.body)).toBe("ROUTE_NOT_FOUND");
    const health = await t.app.inject({ method: "GET", url: "/health" });
    expect(health.statusCode).toBe(200);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../test/harness.js";
import { makeInstitution } from "../../test/factories.js";
import { createInstitution } from "../organisation/create-institution.js";
import { registerAuthentication, trackRoutes } from "./auth-plugin.js";
import { registerErrorHandling } from "./errors-plugin.js";
import { registerSecurityHeaders } from "./security-headers.js";
import { registerWebPages } from "./web-plugin.js";

const defaultCode = `WEBDEF_${randomBytes(4).toString("hex").toUpperCase()}`;
const t = useTestApp({ defaultInstitution: defaultCode });

/** The app's hooks with the web pages served from `dir`: what buildApp wires, minus the API. */
async function pagesApp(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorate("ctx", t.ctx);
  trackRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app, t.config);
  await app.register(fastifyCookie);
  registerAuthentication(app);
  app.get("/api/v1/bibs", async () => ({ bibs: [] }));
  await registerWebPages(app, dir);
  await app.ready();
  return app;
}

describe("which institution a page serves", () => {
  it("answers anyone with the institution the address names: code, name, languages", async () => {
    const inst = await makeInstitution(t.ctx);
    const res = await t.app.inject({ method: "GET", url: `/api/v1/web/institution?code=${inst.code}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: inst.id,
      code: inst.code,
      name: `Test ${inst.code}`,
      default_language: "en",
      languages: ["en", "fr", "de", "es"],
      time_zone: "UTC",
    });
  });

  it("gives an institution's default language as one the pages are written in", async () => {
    const inst = await makeInstitution(t.ctx);
    await t.ctx.db.updateTable("institutions").set({ default_language: "fra" }).where("id", "=", inst.id).execute();
    const fr = await t.app.inject({ method: "GET", url: `/api/v1/web/institution?code=${inst.code}` });
    expect(fr.json().default_language).toBe("fr");
    await t.ctx.db.updateTable("institutions").set({ default_language: "ita" }).where("id", "=", inst.id).execute();
    const it_ = await t.app.inject({ method: "GET", url: `/api/v1/web/institution?code=${inst.code}` });
    expect(it_.json().default_language).toBe("en");
  });

  it("answers 404 for an unknown code and 400 for one no institution could have", async () => {
    const unknown = await t.app.inject({ method: "GET", url: "/api/v1/web/institution?code=NO_SUCH_ONE" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("NOT_FOUND");
    const bad = await t.app.inject({ method: "GET", url: "/api/v1/web/institution?code=two%20words" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
  });

  it("without a code serves DEFAULT_INSTITUTION; until it exists, says so", async () => {
    const before = await t.app.inject({ method: "GET", url: "/api/v1/web/institution" });
    expect(before.statusCode).toBe(404);
    expect(before.json().message).toContain(defaultCode);
    await createInstitution(t.ctx.db, { code: defaultCode, name: "The default one" }, t.clock.now());
    const res = await t.app.inject({ method: "GET", url: "/api/v1/web/institution" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: defaultCode, name: "The default one" });
  });

  it("without a code or a default, on a server with several institutions, asks for the institution's address", async () => {
    await makeInstitution(t.ctx);
    await makeInstitution(t.ctx);
    // t.app has a default: ask a server without one, on the same database.
    const noDefault = Fastify();
    noDefault.decorate("ctx", { ...t.ctx, config: { ...t.config, defaultInstitution: null } });
    noDefault.setValidatorCompiler(validatorCompiler);
    noDefault.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(noDefault);
    await registerWebPages(noDefault, path.join(os.tmpdir(), "recto-web-not-there"));
    try {
      const res = await noDefault.inject({ method: "GET", url: "/api/v1/web/institution" });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: "INSTITUTION_NOT_CHOSEN" });
      expect(res.json().message).toContain("/i/");
    } finally {
      await noDefault.close();
    }
  });
});

describe("the web pages", () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-web-"));
    fs.mkdirSync(path.join(dir, "assets"));
    fs.mkdirSync(path.join(dir, "staff"));
    fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>patron</title>");
    fs.writeFileSync(path.join(dir, "staff", "index.html"), "<!doctype html><title>staff</title>");
    fs.writeFileSync(path.join(dir, "assets", "patron-Ab12.js"), "console.log(1)");
    fs.writeFileSync(path.join(dir, "secret.txt"), "not an asset");
    app = await pagesApp(dir);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers the patron app's addresses with its page, to anyone, never cached, under the CSP", async () => {
    for (const url of ["/", "/sign-in", "/titles/12", "/i/MAIN", "/i/MAIN/", "/i/MAIN/titles/12?x=1"]) {
      const res = await app.inject({ method: "GET", url });
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect(res.body).toContain("<title>patron</title>");
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    }
  });

  it("answers /staff with the staff app's page", async () => {
    for (const url of ["/staff", "/staff/queues"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("<title>staff</title>");
    }
  });

  it("serves hashed assets for a year, and nothing outside the assets folder", async () => {
    const js = await app.inject({ method: "GET", url: "/assets/patron-Ab12.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toMatch(/javascript/);
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.headers["x-content-type-options"]).toBe("nosniff");
    for (const url of [
      "/assets/missing.js",
      "/assets/../secret.txt",
      "/assets/..%2fsecret.txt",
      "/assets/%2e%2e/index.html",
    ]) {
      const res = await app.inject({ method: "GET", url });
      expect([url, [400, 404].includes(res.statusCode)]).toEqual([url, true]);
      expect(res.body).not.toContain("not an asset");
      expect(res.headers["cache-control"]).not.toBe("public, max-age=31536000, immutable");
    }
  });

  it("never answers the API, the compatibility routes or unknown addresses with a page", async () => {
    for (const url of ["/api/v1/nothing-here", "/api/v1/bibs/1/x", "/almaws/v1/nothing", "/healthz", "/nowhere"]) {
      const res = await app.inject({ method: "GET", url });
      expect([url, res.statusCode]).toEqual([url, 404]);
      expect(res.headers["content-type"]).toMatch(/json/);
    }
    const api = await app.inject({ method: "GET", url: "/api/v1/bibs" });
    expect(api.statusCode).toBe(401);
  });

  it("says plainly when the pages are not built", async () => {
    const bare = await pagesApp(fs.mkdtempSync(path.join(os.tmpdir(), "recto-web-empty-")));
    try {
      const res = await bare.inject({ method: "GET", url: "/i/X/" });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain("npm run build:web");
    } finally {
      await bare.close();
    }
  });
});

import { describe, expect, it } from "vitest";
import { en } from "../src/shared/messages/index.js";
import { client } from "./api.js";
import { admin, makeInstitution } from "./factories.js";
import { buildApp } from "../src/server/app.js";
import type { Db } from "../src/db/database.js";
import { useTestApp } from "./harness.js";

const t = useTestApp();

describe("the server's envelope", () => {
  it("answers /health with the database in use", async () => {
    const res = await client(t.app).get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: t.ctx.dialect });
  });

  it("serves the OpenAPI 3.1 document and the interactive docs", async () => {
    const doc = await client(t.app).get("/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    for (const path of [
      "/api/v1/requests",
      "/api/v1/requests/{id}/pick",
      "/api/v1/libraries",
      "/api/v1/users",
      "/api/v1/bibs",
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(
      doc.body.paths["/api/v1/requests"].post.requestBody.content["application/json"].schema.properties,
    ).toHaveProperty("required_pages_range");
    const ui = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toMatch(/text\/html/);
  });

  it("answers an unknown endpoint with ROUTE_NOT_FOUND", async () => {
    const res = await client(t.app).get("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "ROUTE_NOT_FOUND", message: "No endpoint GET /api/v1/nothing-here." });
  });

  it("answers broken JSON and an oversized body with their codes", async () => {
    const inst = await makeInstitution(t.ctx);
    const { apiKey } = await admin(t.ctx, inst);
    const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
    const broken = await t.app.inject({ method: "POST", url: "/api/v1/libraries", headers, payload: '{"code": "X",' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe("MALFORMED_BODY");
    const huge = await t.app.inject({
      method: "POST",
      url: "/api/v1/libraries",
      headers,
      payload: JSON.stringify({ code: "X", name: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses an unknown or malformed API key", async () => {
    const bad = await t.app.inject({
      method: "GET",
      url: "/api/v1/libraries",
      headers: { authorization: "Bearer rk_nope" },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe("UNAUTHENTICATED");
    const odd = await t.app.inject({
      method: "GET",
      url: "/api/v1/libraries",
      headers: { authorization: "Basic abc def" },
    });
    expect(odd.statusCode).toBe(401);
  });

  it("never leaks internals on a 5xx", async () => {
    // A database that fails the way an outage would, with details that must not reach the client.
    const failing = {
      selectFrom() {
        throw new Error("connect ECONNREFUSED db-internal.example:5432 (password=hunter2)");
      },
    } as unknown as Db;
    const app = await buildApp({ ...t.ctx, db: failing });
    const broken = await app.inject({ method: "GET", url: "/health" });
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toEqual({ code: "INTERNAL_ERROR", message: en.errors.INTERNAL_ERROR });
    expect(broken.body).not.toMatch(/ECONNREFUSED|hunter2|db-internal/);
    await app.close();
  });
});

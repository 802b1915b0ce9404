import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { deliveredRequest, deliveryScene, linkIn, samplePdf, sendLetters } from "../../test/delivery-fixture.js";
import { makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { listEmlSends } from "../letters/letters-repository.js";
import { emlPath } from "../letters/mailer.js";
import fs from "node:fs";

// No SMTP server: letters are written as .eml files, from which the links are read.
const t = useTestApp();

async function linkOf(instId: number, requestId: number, nth = 0): Promise<string> {
  const rows = (await listEmlSends(t.ctx.db, instId, 100))
    .filter((r) => r.request_id === requestId && r.letter_code === "document_delivery_notification")
    .reverse();
  const row = rows[nth]!;
  return linkIn(fs.readFileSync(emlPath(t.config, instId, row.eml_name!), "utf8").replace(/=\r?\n/g, ""));
}

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

describe("download links", () => {
  it("streams the file with its headers, and answers a byte range with 206", async () => {
    const scene = await deliveryScene(t, { target: "link", max_views: 2 });
    const bytes = samplePdf(5000);
    const id = await deliveredRequest(t, scene, { name: "Chapitre été.pdf", bytes });
    await sendLetters(t, scene.inst);
    const url = await linkOf(scene.inst.id, id);
    expect(url).toMatch(/^\/api\/v1\/downloads\/[A-Za-z0-9_-]{43}$/);
    const whole = await get(url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(bytes.length),
      "cache-control": "private, no-store",
      "accept-ranges": "bytes",
    });
    expect(whole.headers["content-disposition"]).toBe(
      `attachment; filename="Chapitre _t_.pdf"; filename*=UTF-8''Chapitre%20%C3%A9t%C3%A9.pdf`,
    );
    expect(whole.rawPayload.equals(bytes)).toBe(true);
    // A resumed transfer (range not from byte 0) counts no view.
    const part = await get(url, { range: "bytes=100-199" });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(100, 200))).toBe(true);
    expect((await get(url, { range: "bytes=999999-" })).statusCode).toBe(416);
    expect((await get(url)).statusCode).toBe(200);
    // Two views used: the third is refused with the plain page.
    const gone = await get(url);
    expect(gone.statusCode).toBe(410);
    expect(gone.headers["content-type"]).toContain("text/html");
    expect(gone.body).toContain("This link has expired");
    const row = await t.ctx.db
      .selectFrom("delivery_links")
      .selectAll()
      .where("request_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.views).toBe(2);
    expect(row.token_hash).not.toContain(url.split("/").pop());
  });

  it("counts views atomically: of 8 concurrent downloads with max_views 3, exactly 3 succeed", async () => {
    const scene = await deliveryScene(t, { target: "link", max_views: 3 });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const url = await linkOf(scene.inst.id, id);
    const codes = (await Promise.all(Array.from({ length: 8 }, () => get(url)))).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    expect(codes.filter((c) => c === 410)).toHaveLength(5);
  });

  it("answers 410 after link_expiry_days, and 404 for an unknown token", async () => {
    const scene = await deliveryScene(t, { target: "link", link_expiry_days: 2 });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const url = await linkOf(scene.inst.id, id);
    t.clock.advanceDays(2);
    expect((await get(url)).statusCode).toBe(410);
    t.clock.advanceDays(-2);
    expect((await get(url)).statusCode).toBe(200);
    expect((await get(`/api/v1/downloads/${"A".repeat(43)}`)).statusCode).toBe(404);
    expect((await get("/api/v1/downloads/short")).statusCode).toBe(404);
  });

  it("revokes the links when a delivered request is cancelled", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const url = await linkOf(scene.inst.id, id);
    expect(
      (await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/cancel`, { reason: "wrong patron" })).status,
    ).toBe(200);
    expect((await get(url)).statusCode).toBe(410);
  });

  it("re-issues links without rescanning: the old link stops, the new letter's link works", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const old = await linkOf(scene.inst.id, id);
    const res = await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/links/reissue`, {
      note: "lost the email",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ request_id: id, revoked_links: 1 });
    await sendLetters(t, scene.inst);
    const fresh = await linkOf(scene.inst.id, id, 1);
    expect(fresh).not.toBe(old);
    expect((await get(old)).statusCode).toBe(410);
    expect((await get(fresh)).statusCode).toBe(200);
    const history = (await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}/history`)).body.events;
    expect(history.find((e: any) => e.action === "links_reissued")).toMatchObject({ note: "lost the email" });
  });

  it("refuses re-issue to the patron (403), before delivery (409) and across institutions (404)", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    const byPatron = await client(t.app, scene.patron.apiKey).post(`/api/v1/requests/${id}/links/reissue`, {});
    expect(byPatron.status).toBe(403);
    await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/cancel`, { reason: "x" });
    const closed = await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/links/reissue`, {});
    expect(closed.status).toBe(409);
    const other = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, other, {
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: other.departments.inst }],
    });
    const far = await client(t.app, stranger.apiKey).post(`/api/v1/requests/${id}/links/reissue`, {});
    expect(far.status).toBe(404);
    expect(far.body.code).toBe("NOT_FOUND");
  });
});

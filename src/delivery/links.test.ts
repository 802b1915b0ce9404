import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { deliveredRequest, deliveryScene, samplePdf, sendLetters } from "../../test/delivery-fixture.js";
import { admin, makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { linkKit } from "../../test/link-kit.js";
import { buildApp } from "../server/app.js";
import { createLogger } from "../server/logger.js";
import { emlPath } from "../letters/mailer.js";
import fs from "node:fs";

// No SMTP server: letters are written as .eml files, from which the links are read.
const t = useTestApp();
const { linkOf, get, START, linkRow, viewsOf, sentLink, expectPageHeaders } = linkKit(t);

describe("download links", () => {
  it("streams the file with its headers, and answers a byte range with 206", async () => {
    const scene = await deliveryScene(t, { target: "link", max_views: 2 });
    const bytes = samplePdf(5000);
    const id = await deliveredRequest(t, scene, { name: "Chapitre été.pdf", bytes });
    await sendLetters(t, scene.inst);
    const page = await linkOf(scene.inst.id, id);
    expect(page).toMatch(/^\/api\/v1\/downloads\/[A-Za-z0-9_-]{43}$/);
    const url = `${page}/file`;
    const whole = await get(url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(bytes.length),
      "cache-control": "private, no-store",
      "accept-ranges": "bytes",
      "referrer-policy": "no-referrer",
    });
    expect(whole.headers["content-disposition"]).toBe(
      `attachment; filename="Chapitre _t_.pdf"; filename*=UTF-8''Chapitre%20%C3%A9t%C3%A9.pdf`,
    );
    expect(whole.rawPayload.equals(bytes)).toBe(true);
    // A resumed transfer (range not from byte 0, within the resume window) counts no view.
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
    const url = `${await linkOf(scene.inst.id, id)}/file`;
    const codes = (await Promise.all(Array.from({ length: 8 }, () => get(url)))).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    expect(codes.filter((c) => c === 410)).toHaveLength(5);
  });

  it("answers 410 after link_expiry_days, and 404 for an unknown token", async () => {
    const scene = await deliveryScene(t, { target: "link", link_expiry_days: 2 });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const url = `${await linkOf(scene.inst.id, id)}/file`;
    t.clock.advanceDays(2);
    expect((await get(url)).statusCode).toBe(410);
    t.clock.advanceDays(-2);
    expect((await get(url)).statusCode).toBe(200);
    for (const unknown of [`/api/v1/downloads/${"A".repeat(43)}`, "/api/v1/downloads/short"]) {
      expect((await get(unknown)).statusCode).toBe(404);
      expect((await get(`${unknown}/file`)).statusCode).toBe(404);
    }
  });

  it("revokes the links when a delivered request is cancelled", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const url = `${await linkOf(scene.inst.id, id)}/file`;
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
    expect((await get(`${old}/file`)).statusCode).toBe(410);
    expect((await get(`${fresh}/file`)).statusCode).toBe(200);
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

describe("the link's page", () => {
  it("shows the file, its size, the downloads left and the expiry, counts nothing; its button counts one", async () => {
    t.clock.set(START);
    const bytes = samplePdf(210_000);
    const { id, page } = await sentLink({ max_views: 3, link_expiry_days: 14 }, { name: "Chapter <1>.pdf", bytes });
    const row = await linkRow(id);
    for (let i = 0; i < 3; i++) {
      const res = await get(page);
      expect(res.statusCode).toBe(200);
      expectPageHeaders(res);
      expect(res.headers["content-language"]).toBe("en");
    }
    expect(await viewsOf(id)).toBe(0);
    const body = (await get(page)).body;
    expect(body).toContain('<html lang="en">');
    expect(body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(body).toContain("Your copy is ready to download");
    expect(body).toContain("Chapter &lt;1&gt;.pdf");
    expect(body).toContain("210 kB");
    expect(body).toMatch(/<dt>Downloads left<\/dt><dd>3<\/dd>/);
    expect(body).toContain(`<time datetime="${new Date(row.expires_at).toISOString()}">`);
    expect(body).toContain("March 16, 2026");
    expect(body).toContain('name="viewport"');
    expect(body).toContain(":focus-visible");
    // The Download button is a relative link to the file route.
    const href = /<a class="button" href="([^"]+)"/.exec(body)![1]!;
    const fileUrl = new URL(href, `http://x${page}`).pathname;
    expect(fileUrl).toBe(`${page}/file`);
    const download = await get(fileUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(await viewsOf(id)).toBe(1);
    expect((await get(page)).body).toMatch(/<dt>Downloads left<\/dt><dd>2<\/dd>/);
  });

  it("speaks the patron's language, else the institution's, and so do its expired pages", async () => {
    t.clock.set(START);
    const { scene, id, page, file } = await sentLink({ max_views: 1 }, { name: "c.pdf", bytes: samplePdf(210_000) });
    await t.ctx.db
      .updateTable("users")
      .set({ preferred_language: "fr-CA" })
      .where("id", "=", scene.patron.id)
      .execute();
    const fr = await get(page);
    expect(fr.headers["content-language"]).toBe("fr");
    expect(fr.body).toContain('<html lang="fr">');
    expect(fr.body).toContain("Votre copie est prête à être téléchargée");
    expect(fr.body).toContain("Télécharger");
    expect(fr.body).toMatch(/<dt>Téléchargements restants<\/dt><dd>1<\/dd>/);
    expect(fr.body).toMatch(/210\sko/u);
    expect(fr.body).toContain("16 mars 2026");
    expect(await viewsOf(id)).toBe(0);

    await t.ctx.db.updateTable("users").set({ preferred_language: null }).where("id", "=", scene.patron.id).execute();
    await t.ctx.db
      .updateTable("institutions")
      .set({ default_language: "de" })
      .where("id", "=", scene.inst.id)
      .execute();
    const de = await get(page);
    expect(de.body).toContain('<html lang="de">');
    expect(de.body).toContain("Herunterladen");
    expect(de.body).toContain("16. März 2026");

    await t.ctx.db.updateTable("users").set({ preferred_language: "es" }).where("id", "=", scene.patron.id).execute();
    expect((await get(page)).body).toContain("Descargar");

    await t.ctx.db.updateTable("users").set({ preferred_language: "fr" }).where("id", "=", scene.patron.id).execute();
    expect((await get(file)).statusCode).toBe(200);
    const gone = await get(page);
    expect(gone.statusCode).toBe(410);
    expectPageHeaders(gone);
    expect(gone.body).toContain('<html lang="fr">');
    expect(gone.body).toContain("Ce lien a expiré");
    const goneFile = await get(file);
    expect(goneFile.statusCode).toBe(410);
    expect(goneFile.body).toContain("Ce lien a expiré");

    const unknown = await get(`/api/v1/downloads/${"B".repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expectPageHeaders(unknown);
    expect(unknown.body).toContain('<html lang="en">');
  });

  it("answers 410 on the page once the link has expired or was revoked, counting nothing", async () => {
    const { scene, id, page } = await sentLink({ max_views: 2, link_expiry_days: 1 });
    t.clock.advanceDays(1);
    expect((await get(page)).statusCode).toBe(410);
    t.clock.advanceDays(-1);
    expect((await get(page)).statusCode).toBe(200);
    await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/cancel`, { reason: "x" });
    expect((await get(page)).statusCode).toBe(410);
    expect(await viewsOf(id)).toBe(0);
  });
});

describe("staff reading sent letters", () => {
  it("never see a live link token in /mail/eml, only that a link was sent", async () => {
    t.clock.set(START);
    const { scene, id, token, file } = await sentLink({ max_views: 3, link_expiry_days: 7 });
    const staff = await admin(t.ctx, scene.inst);
    const api = client(t.app, staff.apiKey);
    const listed = await api.get("/api/v1/mail/eml?limit=500");
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const letter = listed.body.messages.find(
      (m: any) => m.request_id === id && m.letter_code === "document_delivery_notification",
    );
    const row = await linkRow(id);
    expect(letter.download_links).toEqual([
      {
        file_name: "chapter.pdf",
        max_views: 3,
        views_used: 0,
        expires_at: new Date(row.expires_at).toISOString(),
        revoked: false,
      },
    ]);

    const one = await api.get(`/api/v1/mail/eml/${letter.id}`);
    expect(one.status).toBe(200);
    expect(one.headers["content-type"]).toContain("message/rfc822");
    const raw = String(one.body);
    expect(raw).not.toContain(token);
    expect(raw.replace(/=\r?\n/g, "")).not.toContain(token);
    const mail = await simpleParser(raw);
    for (const part of [mail.text, String(mail.html), mail.subject]) {
      expect(part).not.toContain(token);
    }
    expect(mail.text).toContain("/api/v1/downloads/[download link sent: 3 views, expires 2026-03-09]");
    expect(String(mail.html)).toContain("[download link sent: 3 views, expires 2026-03-09]");
    // Reading it used up nothing; the patron's letter on disk still carries the working link.
    expect(await viewsOf(id)).toBe(0);
    const onDisk = fs.readFileSync(emlPath(t.config, scene.inst.id, letter.eml_name), "utf8").replace(/=\r?\n/g, "");
    expect(onDisk).toContain(token);
    expect((await get(file)).statusCode).toBe(200);
  });

  it("never see a link token in the outbox, even in an error text quoting the letter", async () => {
    const { scene, id, token } = await sentLink({ max_views: 3 });
    const staff = await admin(t.ctx, scene.inst);
    await t.ctx.db
      .updateTable("outbox")
      .set({ last_error: `550 rejected line: http://localhost:3000/api/v1/downloads/${token} (spam?)` })
      .where("request_id", "=", id)
      .execute();
    const res = await client(t.app, staff.apiKey).get(`/api/v1/outbox?request_id=${id}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(res.body.messages[0].last_error).toBe(
      "550 rejected line: http://localhost:3000/api/v1/downloads/[download link withheld] (spam?)",
    );
  });

  it("never find a link token in the server's request log", async () => {
    const { page, file, token } = await sentLink({ max_views: 3 });
    const lines: string[] = [];
    const app = await buildApp({ ...t.ctx, log: createLogger("info", { write: (line: string) => lines.push(line) }) });
    try {
      expect((await app.inject({ method: "GET", url: page })).statusCode).toBe(200);
      expect((await app.inject({ method: "GET", url: file })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const urls = lines
      .map((l) => JSON.parse(l) as { req?: { url: string } })
      .flatMap((l) => (l.req ? [l.req.url] : []));
    expect(urls).toContain("/api/v1/downloads/[REDACTED]");
    expect(urls).toContain("/api/v1/downloads/[REDACTED]/file");
    expect(lines.join("\n")).not.toContain(token);
  });
});

import fs from "node:fs";
import { expect } from "vitest";
import { listEmlSends } from "../src/letters/letters-repository.js";
import { emlPath } from "../src/letters/mailer.js";
import { deliveredRequest, deliveryScene, linkIn, sendLetters } from "./delivery-fixture.js";
import type { TestApp } from "./harness.js";

/** What the download-link tests do with one test app (no SMTP server: links are read from the .eml files). */
export function linkKit(t: TestApp) {
  async function linkOf(instId: number, requestId: number, nth = 0): Promise<string> {
    const rows = (await listEmlSends(t.ctx.db, instId, 100))
      .filter((r) => r.request_id === requestId && r.letter_code === "document_delivery_notification")
      .reverse();
    const row = rows[nth]!;
    return linkIn(fs.readFileSync(emlPath(t.config, instId, row.eml_name!), "utf8").replace(/=\r?\n/g, ""));
  }

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
  const head = (url: string) => t.app.inject({ method: "HEAD", url });
  const START = "2026-03-02T09:00:00.000Z";
  const advanceMinutes = (minutes: number) => t.clock.set(new Date(t.clock.now().getTime() + minutes * 60_000));

  async function linkRow(requestId: number) {
    return t.ctx.db
      .selectFrom("delivery_links")
      .selectAll()
      .where("request_id", "=", requestId)
      .executeTakeFirstOrThrow();
  }
  const viewsOf = async (requestId: number) => (await linkRow(requestId)).views;

  /** A delivered request with its link letter sent: the page's path and the file's. */
  async function sentLink(workflow: Record<string, unknown>, file?: { name: string; bytes: Buffer }) {
    const scene = await deliveryScene(t, { target: "link", ...workflow });
    const id = await deliveredRequest(t, scene, file);
    await sendLetters(t, scene.inst);
    const page = await linkOf(scene.inst.id, id);
    return { scene, id, page, file: `${page}/file`, token: page.split("/").pop()! };
  }

  const PAGE_HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  };

  function expectPageHeaders(res: { headers: Record<string, unknown> }) {
    expect(res.headers).toMatchObject(PAGE_HEADERS);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src '(sha256-[A-Za-z0-9+/=]+|unsafe-inline)'/);
    expect(csp).toContain("frame-ancestors 'none'");
  }

  return { linkOf, get, head, START, advanceMinutes, linkRow, viewsOf, sentLink, expectPageHeaders };
}

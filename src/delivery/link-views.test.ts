import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { samplePdf } from "../../test/delivery-fixture.js";
import { useTestApp } from "../../test/harness.js";
import { linkKit } from "../../test/link-kit.js";

// No SMTP server: letters are written as .eml files, from which the links are read.
const t = useTestApp();
const { get, head, advanceMinutes, linkRow, viewsOf, sentLink, expectPageHeaders } = linkKit(t);

describe("what a link view is: one download from byte 0, resumable by ranges for a short window", () => {
  it("refuses ranges after the last view once its resume window has closed (20 of 20 tries)", async () => {
    const { id, file } = await sentLink({ max_views: 1 });
    expect((await get(file)).statusCode).toBe(200);
    // Within the window the last view may still be resumed...
    expect((await get(file, { range: "bytes=1-" })).statusCode).toBe(206);
    advanceMinutes(31);
    // ...after it, nothing more comes out of a used-up link, whatever the range.
    const tries = await Promise.all(Array.from({ length: 20 }, () => get(file, { range: "bytes=1-" })));
    expect(tries.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 410));
    expect(tries[0]!.body).toContain("This link has expired");
    expectPageHeaders(tries[0]!);
    expect((await get(file, { range: "bytes=0-" })).statusCode).toBe(410);
    expect(await viewsOf(id)).toBe(1);
  });

  it("refuses a range after expiry, even within the resume window", async () => {
    const { id, file } = await sentLink({ max_views: 5, link_expiry_days: 1 });
    const row = await linkRow(id);
    t.clock.set(new Date(new Date(row.expires_at).getTime() - 10 * 60_000));
    expect((await get(file)).statusCode).toBe(200);
    advanceMinutes(5);
    expect((await get(file, { range: "bytes=100-" })).statusCode).toBe(206);
    advanceMinutes(6); // one minute past expiry, still inside the 30-minute window
    const late = await get(file, { range: "bytes=100-" });
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain("This link has expired");
    expect(await viewsOf(id)).toBe(1);
  });

  it("refuses a range after revocation, even within the resume window", async () => {
    const { scene, id, file } = await sentLink({ max_views: 5 });
    expect((await get(file)).statusCode).toBe(200);
    expect((await get(file, { range: "bytes=10-" })).statusCode).toBe(206);
    const cancelled = await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/cancel`, { reason: "x" });
    expect(cancelled.status).toBe(200);
    expect((await get(file, { range: "bytes=10-" })).statusCode).toBe(410);
  });

  it("continues a view within the window (206, nothing counted) and refuses it after; the window never slides", async () => {
    const bytes = samplePdf(4000);
    const { id, page, file } = await sentLink({ max_views: 3 }, { name: "c.pdf", bytes });
    expect((await get(file)).statusCode).toBe(200);
    advanceMinutes(20);
    const part = await get(file, { range: "bytes=2000-" });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(bytes.subarray(2000))).toBe(true);
    advanceMinutes(11); // 31 minutes after the view started, 11 after the last range
    const closed = await get(file, { range: "bytes=2000-" });
    expect(closed.statusCode).toBe(410);
    expectPageHeaders(closed);
    expect(closed.body).toContain("This download can no longer be resumed");
    // It offers the link's page again, by a relative link that resolves to it.
    const back = /<a href="([^"]+)">/.exec(closed.body)![1]!;
    expect(new URL(back, `http://x${file}`).pathname).toBe(page);
    expect(await viewsOf(id)).toBe(1);
    // A new download from byte 0 is a new view, with a new window.
    expect((await get(file, { range: "bytes=0-99" })).statusCode).toBe(206);
    expect((await get(file, { range: "bytes=2000-" })).statusCode).toBe(206);
    expect(await viewsOf(id)).toBe(2);
  });

  it("refuses a range on a link never downloaded", async () => {
    const { id, file } = await sentLink({ max_views: 3 });
    const res = await get(file, { range: "bytes=1-" });
    expect(res.statusCode).toBe(410);
    expect(await viewsOf(id)).toBe(0);
    expect((await linkRow(id)).view_started_at).toBeNull();
  });

  it("counts many parallel ranges of one download as one view", async () => {
    const bytes = samplePdf(10_000);
    const { id, file } = await sentLink({ max_views: 2 }, { name: "p.pdf", bytes });
    const first = await get(file, { range: "bytes=0-999" });
    expect(first.statusCode).toBe(206);
    const parts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => get(file, { range: `bytes=${1000 * (i + 1)}-${1000 * (i + 2) - 1}` })),
    );
    expect(parts.map((r) => r.statusCode)).toEqual(Array.from({ length: 10 }, () => 206));
    const joined = Buffer.concat([first.rawPayload, ...parts.map((r) => r.rawPayload)]);
    expect(joined.equals(bytes)).toBe(true);
    expect(await viewsOf(id)).toBe(1);
  });

  it("HEAD on the page and on the file counts nothing and opens no window", async () => {
    const { id, page, file } = await sentLink({ max_views: 1 });
    for (let i = 0; i < 3; i++) {
      const p = await head(page);
      expect(p.statusCode).toBe(200);
      expectPageHeaders(p);
      const f = await head(file);
      expect(f.statusCode).toBe(200);
      expect(f.headers).toMatchObject({
        "content-type": "application/pdf",
        "accept-ranges": "bytes",
        "referrer-policy": "no-referrer",
      });
      expect(f.body).toBe("");
    }
    const row = await linkRow(id);
    expect([row.views, row.view_started_at]).toEqual([0, null]);
    // The one view is still there for the patron.
    expect((await get(file)).statusCode).toBe(200);
    advanceMinutes(31);
    expect((await head(file)).statusCode).toBe(410);
    expect((await head(page)).statusCode).toBe(410);
    expect(await viewsOf(id)).toBe(1);
  });
});

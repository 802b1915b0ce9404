import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { deliveredRequest, deliveryScene, samplePdf, sendLetters } from "../../test/delivery-fixture.js";
import { makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

// The signed-in patron's downloads: the same view rules as the links in letters, for their own requests only.
const t = useTestApp();

const get = (apiKey: string, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${apiKey}`, ...headers } });

async function delivered(workflow: Record<string, unknown>) {
  const scene = await deliveryScene(t, { target: "link", ...workflow });
  const bytes = samplePdf(3000);
  const id = await deliveredRequest(t, scene, { name: "chapter.pdf", bytes });
  await sendLetters(t, scene.inst);
  const list = await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${id}/downloads`);
  expect(list.status).toBe(200);
  return { scene, id, bytes, list: list.body.downloads as Record<string, unknown>[] };
}

describe("downloads while signed in", () => {
  it("lists the file with downloads left and expiry, counts each download, resumes by range, refuses when used up", async () => {
    const { scene, id, bytes, list } = await delivered({ max_views: 2, link_expiry_days: 3 });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      file_name: "chapter.pdf",
      content_type: "application/pdf",
      size_bytes: bytes.length,
      max_views: 2,
      views_left: 2,
      state: "available",
      resumable: false,
    });
    expect(new Date(String(list[0]!.expires_at)).getTime()).toBe(t.clock.now().getTime() + 3 * 86_400_000);
    expect(list[0]).not.toHaveProperty("token");
    const file = `/api/v1/requests/${id}/downloads/${String(list[0]!.download_id)}/file`;

    const whole = await get(scene.patron.apiKey, file);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(bytes)).toBe(true);
    expect(whole.headers).toMatchObject({ "cache-control": "private, no-store", "content-type": "application/pdf" });
    const part = await get(scene.patron.apiKey, file, { range: "bytes=10-19" });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(bytes.subarray(10, 20))).toBe(true);
    expect((await get(scene.patron.apiKey, file, { range: "bytes=999999-" })).statusCode).toBe(416);

    const after = await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${id}/downloads`);
    expect(after.body.downloads[0]).toMatchObject({ views_left: 1, state: "available", resumable: true });

    expect((await get(scene.patron.apiKey, file)).statusCode).toBe(200);
    const refused = await get(scene.patron.apiKey, file);
    expect(refused.statusCode).toBe(410);
    expect(JSON.parse(refused.body).code).toBe("LINK_EXPIRED");
    const used = await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${id}/downloads`);
    expect(used.body.downloads[0]).toMatchObject({ views_left: 0, state: "used_up" });
    const row = await t.ctx.db
      .selectFrom("delivery_links")
      .select("views")
      .where("request_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.views).toBe(2);
  });

  it("counts views atomically: of 6 concurrent downloads with max_views 2, exactly 2 succeed", async () => {
    const { scene, id, list } = await delivered({ max_views: 2 });
    const file = `/api/v1/requests/${id}/downloads/${String(list[0]!.download_id)}/file`;
    const codes = (await Promise.all(Array.from({ length: 6 }, () => get(scene.patron.apiKey, file)))).map(
      (r) => r.statusCode,
    );
    expect(codes.filter((c) => c === 200)).toHaveLength(2);
    expect(codes.filter((c) => c === 410)).toHaveLength(4);
  });

  it("refuses an expired download and a range outside the resume window", async () => {
    const { scene, id, list } = await delivered({ max_views: 3, link_expiry_days: 2 });
    const file = `/api/v1/requests/${id}/downloads/${String(list[0]!.download_id)}/file`;
    const late = await get(scene.patron.apiKey, file, { range: "bytes=10-" });
    expect(late.statusCode).toBe(410);
    expect(JSON.parse(late.body).code).toBe("LINK_RESUME_CLOSED");
    t.clock.advanceDays(2);
    const gone = await get(scene.patron.apiKey, file);
    expect(gone.statusCode).toBe(410);
    expect(JSON.parse(gone.body).code).toBe("LINK_EXPIRED");
    const listed = await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${id}/downloads`);
    expect(listed.body.downloads[0]).toMatchObject({ state: "expired", views_left: 3 });
  });

  it("another patron, staff, or another request's path: 404, and no view is counted", async () => {
    const { scene, id, list } = await delivered({ max_views: 2 });
    const other = await makeUser(t.ctx, scene.inst, { group: "FACULTY" });
    const downloadId = String(list[0]!.download_id);
    for (const key of [other.apiKey, scene.woo.apiKey]) {
      expect((await client(t.app, key).get(`/api/v1/requests/${id}/downloads`)).status).toBe(404);
      expect((await get(key, `/api/v1/requests/${id}/downloads/${downloadId}/file`)).statusCode).toBe(404);
    }
    // The patron's own download id under another of their requests is not found either.
    const title = await makeTitle(t.ctx, scene.inst, { items: 0 });
    const second = await client(t.app, scene.patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    expect(second.status).toBe(201);
    const wrong = `/api/v1/requests/${String(second.body.request_id)}/downloads/${downloadId}/file`;
    expect((await get(scene.patron.apiKey, wrong)).statusCode).toBe(404);
    expect(
      (await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${String(second.body.request_id)}/downloads`))
        .body,
    ).toEqual({
      downloads: [],
    });
    const row = await t.ctx.db
      .selectFrom("delivery_links")
      .select("views")
      .where("request_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.views).toBe(0);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/requests/${id}/downloads` })).statusCode).toBe(401);
  });
});

describe("the patron's timeline", () => {
  it("says which states the request reached and why it was cancelled, never who or staff notes; 404 for others", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const title = await makeTitle(t.ctx, scene.inst, { items: 0 });
    const patron = client(t.app, scene.patron.apiKey);
    const placed = await patron.post("/api/v1/requests", { mms_id: title.mmsId, partial_digitization: false });
    expect(placed.status).toBe(201);
    const id = String(placed.body.request_id);
    const cancelled = await patron.post(`/api/v1/requests/${id}/cancel`, { reason: "Found it online", note: "mine" });
    expect(cancelled.body.request_status).toBe("CANCELLED");
    const timeline = await patron.get(`/api/v1/requests/${id}/timeline`);
    expect(timeline.status).toBe(200);
    const events = timeline.body.events as { state: string; reason: string | null; at: string }[];
    expect(events[0]!.state).toBe("NEW");
    expect(events.at(-1)!.state).toBe("CANCELLED");
    expect(events.at(-1)!.reason).toBe("Found it online");
    expect(JSON.stringify(timeline.body)).not.toMatch(/"by"|"note"|"data"|mine/);
    const other = await makeUser(t.ctx, scene.inst, { group: "FACULTY" });
    expect((await client(t.app, other.apiKey).get(`/api/v1/requests/${id}/timeline`)).status).toBe(404);
  });
});

import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { deliveredRequest, deliveryScene, sendLetters } from "../../test/delivery-fixture.js";
import { makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { listEmlSends } from "./letters-repository.js";
import { emlPath } from "./mailer.js";
import fs from "node:fs";

// No SMTP server: letters are written as .eml files, where the patron's live link can be read.
const t = useTestApp();

const TOKEN = /\/api\/v1\/downloads\/([A-Za-z0-9_-]{43})/;

describe("GET /requests/:id/letters", () => {
  it("shows staff what each letter said, with the download link's token withheld", async () => {
    const scene = await deliveryScene(t, { target: "link", max_views: 3, link_expiry_days: 7 });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const sent = (await listEmlSends(t.ctx.db, scene.inst.id, 100)).find(
      (r) => r.request_id === id && r.letter_code === "document_delivery_notification",
    )!;
    const eml = fs.readFileSync(emlPath(t.config, scene.inst.id, sent.eml_name!), "utf8").replace(/=\r?\n/g, "");
    const token = TOKEN.exec(eml)![1]!;

    const res = await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}/letters`);
    expect(res.status).toBe(200);
    // request_received is switched off by default: it is listed as suppressed, with no text
    expect(res.body.letters).toEqual([
      expect.objectContaining({ letter_code: "request_received", status: "suppressed", subject: null }),
      expect.objectContaining({
        letter_code: "document_delivery_notification",
        status: "sent",
        recipient: `${scene.patron.primaryId}@example.edu`,
        transport: "eml",
      }),
    ]);
    const letter = res.body.letters[1];
    expect(letter.subject).toEqual(expect.any(String));
    expect(letter.body_text).toContain("/api/v1/downloads/[download link withheld]");
    expect(letter.body_html).toContain("[download link withheld]");
    expect(JSON.stringify(res.body)).not.toContain(token);
    // and the database never held it either
    const row = await t.ctx.db
      .selectFrom("letter_sends")
      .selectAll()
      .where("id", "=", sent.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("answers the patron about their own request, and nothing before a letter is sent", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    const before = await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${id}/letters`);
    expect(before.status).toBe(200);
    expect(before.body.letters).toEqual([]);
    await sendLetters(t, scene.inst);
    const after = await client(t.app, scene.patron.apiKey).get(`/api/v1/requests/${id}/letters`);
    expect(after.body.letters.map((l: any) => l.letter_code)).toEqual([
      "request_received",
      "document_delivery_notification",
    ]);
  });

  it("is 404 to whoever may not see the request: another patron, another institution, an unknown id", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const otherPatron = await makeUser(t.ctx, scene.inst);
    expect((await client(t.app, otherPatron.apiKey).get(`/api/v1/requests/${id}/letters`)).status).toBe(404);
    const far = await makeUser(t.ctx, await makeInstitution(t.ctx), {
      roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }],
    });
    const res = await client(t.app, far.apiKey).get(`/api/v1/requests/${id}/letters`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    expect((await client(t.app, scene.woo.apiKey).get("/api/v1/requests/999999999/letters")).status).toBe(404);
    expect((await client(t.app, scene.woo.apiKey).get("/api/v1/requests/abc/letters")).status).toBe(400);
  });
});

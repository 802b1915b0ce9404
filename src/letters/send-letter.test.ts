import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { deliveredRequest, deliveryScene, linkIn, samplePdf, sendLetters } from "../../test/delivery-fixture.js";
import { useTestApp } from "../../test/harness.js";
import { startTestSmtp, type TestSmtp } from "../../test/smtp.js";
import { admin, makeTitle } from "../../test/factories.js";
import { processOutbox } from "../outbox/process-outbox.js";
import { expireOverdueRequests } from "../requests/expire-requests.js";
import { sendOutboxLetter } from "./send-letter.js";

const t = useTestApp({ maxEmailBytes: 8 * 1024 });
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t.config.smtpUrl = smtp.url;
});
afterAll(async () => smtp?.stop());

const to = async (userId: number) =>
  (await t.ctx.db.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirstOrThrow()).email!;
const mailTo = (address: string) => smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(address));
// request_received is disabled by default: its row is settled as suppressed, so tests look at the others.
const letters = (requestId: number) =>
  t.ctx.db
    .selectFrom("outbox")
    .selectAll()
    .where("request_id", "=", requestId)
    .where("kind", "=", "letter")
    .where("topic", "!=", "request_received")
    .orderBy("id")
    .execute();
const history = async (id: number, key: string) =>
  (await client(t.app, key).get(`/api/v1/requests/${id}/history`)).body.events.map((e: any) => e.action);

describe("sending letters over SMTP", () => {
  it("sends the link letter: recipient, subject, text and HTML parts, and a link that downloads the file", async () => {
    const scene = await deliveryScene(t, { target: "link", max_views: 3, link_expiry_days: 7 });
    const bytes = samplePdf(3000);
    const id = await deliveredRequest(t, scene, { name: "chapter.pdf", bytes });
    await sendLetters(t, scene.inst);
    const address = await to(scene.patron.id);
    const got = mailTo(address);
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    expect(mail.subject).toMatch(/^Your copy is ready to download: Title /);
    expect(mail.text).toContain("Each link can be used 3 times and works until 2026-03-09.");
    expect(mail.html).toContain('href="http://localhost:3000/api/v1/downloads/');
    expect(mail.messageId).toMatch(/^<outbox-\d+@recto\.localhost>$/);
    const res = await t.app.inject({ method: "GET", url: `${linkIn(mail.text)}/file` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect((await letters(id)).map((l) => l.status)).toEqual(["done"]);
    expect(await history(id, scene.woo.apiKey)).toContain("letter_sent");
  });

  it("attaches the file to the attachment letter", async () => {
    const scene = await deliveryScene(t, { target: "attachment" });
    const bytes = samplePdf(1500);
    await deliveredRequest(t, scene, { name: "article.pdf", bytes });
    await sendLetters(t, scene.inst);
    const [mail] = mailTo(await to(scene.patron.id));
    expect(mail!.subject).toMatch(/^Your digitization request: /);
    expect(mail!.text).toContain("- article.pdf");
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]).toMatchObject({ filename: "article.pdf", contentType: "application/pdf" });
    expect(mail!.attachments[0]!.content.equals(bytes)).toBe(true);
  });

  it("sends a link instead of a file over the email size limit, and the history says so", async () => {
    const scene = await deliveryScene(t, { target: "attachment", max_views: null, link_expiry_days: null });
    const id = await deliveredRequest(t, scene, { name: "big.pdf", bytes: samplePdf(10 * 1024) });
    await sendLetters(t, scene.inst);
    const [mail] = mailTo(await to(scene.patron.id));
    expect(mail!.attachments).toHaveLength(0);
    expect(mail!.text).toContain("Each link can be used 5 times");
    expect((await t.app.inject({ method: "GET", url: `${linkIn(mail!.text)}/file` })).statusCode).toBe(200);
    const events = (await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}/history`)).body.events;
    expect(events.find((e: any) => e.action === "delivered_by_link_instead")).toBeDefined();
  });

  it("delivers every letter exactly once when the SMTP server was down and comes back", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    await smtp.stop();
    const ids = [await deliveredRequest(t, scene), await deliveredRequest(t, scene), await deliveredRequest(t, scene)];
    const down = await sendLetters(t, scene.inst);
    expect(down.retried).toBe(3);
    for (const id of ids) {
      const [letter] = await letters(id);
      expect(letter).toMatchObject({ status: "pending", attempts: 1 });
      expect(letter!.last_error).toMatch(/ECONNREFUSED|connect/i);
    }
    // Still down at the next try.
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    expect((await sendLetters(t, scene.inst)).retried).toBe(3);
    await smtp.start();
    t.clock.set(new Date(t.clock.now().getTime() + 3_600_000));
    expect((await sendLetters(t, scene.inst)).done).toBe(3);
    t.clock.set(new Date(t.clock.now().getTime() + 3_600_000));
    expect((await sendLetters(t, scene.inst)).claimed).toBe(0);
    const got = mailTo(await to(scene.patron.id));
    expect(got).toHaveLength(3);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(3);
  });

  it("does not send again when the worker died after sending but before recording the outcome", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const id = await deliveredRequest(t, scene);
    // The handler sends, then the 'crash': the outbox row is left unsettled (its lease runs out).
    const crash = await processOutbox(
      t.ctx,
      {
        letter: async (m, ctx) => {
          await sendOutboxLetter(m, ctx);
          throw new Error("worker killed before recording");
        },
      },
      { now: t.clock.now(), institutionId: scene.inst.id },
    );
    expect(crash.retried).toBe(2);
    t.clock.set(new Date(t.clock.now().getTime() + 3_600_000));
    expect((await sendLetters(t, scene.inst)).done).toBe(2);
    expect(mailTo(await to(scene.patron.id))).toHaveLength(1);
    const send = await t.ctx.db
      .selectFrom("letter_sends")
      .selectAll()
      .where("request_id", "=", id)
      .where("letter_code", "=", "document_delivery_notification")
      .executeTakeFirstOrThrow();
    expect(send).toMatchObject({ status: "sent", tries: 1, transport: "smtp" });
  });

  it("does not send a disabled letter, and the history says it was suppressed", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const admin = await t.ctx.db
      .insertInto("letter_settings")
      .values({
        institution_id: scene.inst.id,
        code: "document_delivery_notification",
        enabled: 0,
        updated_at: "2026-03-02T00:00:00.000Z",
      })
      .execute();
    void admin;
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    expect(mailTo(await to(scene.patron.id))).toHaveLength(0);
    const events = (await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}/history`)).body.events;
    // Letters are sent several at once, so their events may come in either order.
    expect(
      events
        .filter((e: any) => e.action === "letter_suppressed")
        .map((e: any) => e.data.letter)
        .sort(),
    ).toEqual(["document_delivery_notification", "request_received"]);
    expect((await letters(id)).every((l) => l.status === "done")).toBe(true);
  });

  it("fails for good, visibly to staff, when the patron has no email address", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    await t.ctx.db.updateTable("users").set({ email: null }).where("id", "=", scene.patron.id).execute();
    const id = await deliveredRequest(t, scene);
    const run = await sendLetters(t, scene.inst);
    expect(run.failed).toBe(1);
    const failed = (await letters(id)).find((l) => l.topic === "document_delivery_notification");
    expect(failed).toMatchObject({ status: "failed", last_error: "The patron has no email address." });
  });

  it("sends the link letter in French to a patron who prefers French, from Recto's built-in text", async () => {
    const scene = await deliveryScene(t, { target: "link", max_views: 3, link_expiry_days: 7 });
    await t.ctx.db.updateTable("users").set({ preferred_language: "fr" }).where("id", "=", scene.patron.id).execute();
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const [mail, ...others] = mailTo(await to(scene.patron.id));
    expect(others).toHaveLength(0);
    expect(mail!.subject).toMatch(/^Votre copie est prête à être téléchargée : Title /);
    expect(mail!.text).toMatch(/^Bonjour /);
    expect(mail!.text).toContain("Chaque lien peut être utilisé 3 fois et reste valable jusqu'au 2026-03-09.");
    expect(mail!.text).toMatch(/Numéro de la demande : \d+\./);
    expect(mail!.html).toContain("La copie que vous avez demandée est prête. Vous pouvez la télécharger ici :");
    expect(mail!.html).toContain('href="http://localhost:3000/api/v1/downloads/');
    expect((await t.app.inject({ method: "GET", url: `${linkIn(mail!.text)}/file` })).statusCode).toBe(200);
    const events = (await client(t.app, scene.woo.apiKey).get(`/api/v1/requests/${id}/history`)).body.events;
    expect(events.find((e: any) => e.action === "letter_sent").data).toMatchObject({
      letter: "document_delivery_notification",
      language: "fr",
    });
  });

  it("serves a regional tag from its language's text, and a language Recto lacks from the institution's", async () => {
    const scene = await deliveryScene(t, { target: "attachment" });
    await t.ctx.db
      .updateTable("users")
      .set({ preferred_language: "de_CH" })
      .where("id", "=", scene.patron.id)
      .execute();
    await deliveredRequest(t, scene, { name: "aufsatz.pdf", bytes: samplePdf(1000) });
    await sendLetters(t, scene.inst);
    const [german] = mailTo(await to(scene.patron.id));
    expect(german!.subject).toMatch(/^Ihr Digitalisierungsauftrag: Title /);
    expect(german!.text).toContain("die von Ihnen bestellte Kopie ist fertig. Sie finden sie im Anhang dieser E-Mail:");
    expect(german!.attachments[0]).toMatchObject({ filename: "aufsatz.pdf" });

    const other = await deliveryScene(t, { target: "link" });
    await t.ctx.db.updateTable("users").set({ preferred_language: "it" }).where("id", "=", other.patron.id).execute();
    await t.ctx.db
      .updateTable("institutions")
      .set({ default_language: "es" })
      .where("id", "=", other.inst.id)
      .execute();
    await deliveredRequest(t, other);
    await sendLetters(t, other.inst);
    const [spanish] = mailTo(await to(other.patron.id));
    expect(spanish!.subject).toMatch(/^Su copia está lista para descargar: Title /);
    expect(spanish!.text).toContain("Atentamente,");
  });

  it("sends request_cancelled with the reason, in the patron's language when the institution wrote one", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    await t.ctx.db.updateTable("users").set({ preferred_language: "fr" }).where("id", "=", scene.patron.id).execute();
    await t.ctx.db
      .insertInto("letter_templates")
      .values({
        institution_id: scene.inst.id,
        code: "request_cancelled",
        language: "fr",
        subject: "Demande annulée : {{ request.title }}",
        body_html: "<p>Motif : {{ request.reason }}</p>",
        body_text: "Motif : {{ request.reason }}",
        updated_at: "2026-03-02T00:00:00.000Z",
      })
      .execute();
    const id = await deliveredRequest(t, scene);
    await sendLetters(t, scene.inst);
    const cancel = await client(t.app, scene.patron.apiKey).post(`/api/v1/requests/${id}/cancel`, {
      reason: "no longer needed <b>now</b>",
    });
    expect(cancel.status).toBe(200);
    await sendLetters(t, scene.inst);
    const got = mailTo(await to(scene.patron.id));
    expect(got.map((m) => m.subject)).toHaveLength(2);
    const mail = got.find((m) => m.subject?.startsWith("Demande annulée"));
    expect(mail!.text?.trim()).toBe("Motif : no longer needed <b>now</b>");
    expect(mail!.html).toContain("Motif : no longer needed &lt;b&gt;now&lt;/b&gt;");
    // The link sent before the cancellation no longer works.
    const first = got.find((m) => m.subject?.startsWith("Votre copie"));
    expect((await t.app.inject({ method: "GET", url: linkIn(first!.text) })).statusCode).toBe(410);
    expect((await t.app.inject({ method: "GET", url: `${linkIn(first!.text)}/file` })).statusCode).toBe(410);
  });

  it("tells the patron when the request expired, with the reason", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const title = await makeTitle(t.ctx, scene.inst, { items: 0 });
    const placed = await client(t.app, scene.patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    expect(placed.status).toBe(201);
    const later = new Date(t.clock.now().getTime() + 400 * 86_400_000);
    const expired = await expireOverdueRequests(t.ctx.db, later, async () => {}, { institutionId: scene.inst.id });
    expect(expired.expired).toEqual([Number(placed.body.request_id)]);
    await sendLetters(t, scene.inst, later);
    const [mail] = mailTo(await to(scene.patron.id));
    expect(mail!.subject).toMatch(/^Your digitization request was expired: /);
    expect(mail!.text).toContain("Reason: The time allowed to fulfil the request has passed");
    expect(mail!.text).toContain("The work time of the handling place passed.");
  });

  it("tells a French patron in French that the request expired", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    await t.ctx.db
      .updateTable("users")
      .set({ preferred_language: "fr-CA" })
      .where("id", "=", scene.patron.id)
      .execute();
    const title = await makeTitle(t.ctx, scene.inst, { items: 0 });
    const placed = await client(t.app, scene.patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    expect(placed.status).toBe(201);
    const later = new Date(t.clock.now().getTime() + 400 * 86_400_000);
    await expireOverdueRequests(t.ctx.db, later, async () => {}, { institutionId: scene.inst.id });
    await sendLetters(t, scene.inst, later);
    const [mail] = mailTo(await to(scene.patron.id));
    expect(mail!.subject).toMatch(/^Votre demande de numérisation a expiré : /);
    expect(mail!.text).toMatch(/Votre demande concernant .+ \(n° \d+\) a expiré\./);
    expect(mail!.text).toContain("Motif : Le délai de traitement de la demande est dépassé");
  });

  it("prints a cancellation reason's label in the patron's language, never Recto's code", async () => {
    const french = await deliveryScene(t, { target: "link" });
    await t.ctx.db.updateTable("users").set({ preferred_language: "fr" }).where("id", "=", french.patron.id).execute();
    const english = await deliveryScene(t, { target: "link" });
    const frId = await deliveredRequest(t, french);
    const enId = await deliveredRequest(t, english);
    // The compatibility API takes the platform's reason codes; Recto's own API takes them too.
    const compat = await t.app.inject({
      method: "DELETE",
      url: `/almaws/v1/users/${french.patron.primaryId}/requests/${frId}?reason=CannotBeFulfilled`,
      headers: { authorization: `Bearer ${french.patron.apiKey}` },
    });
    expect(compat.statusCode).toBe(204);
    const cancel = await client(t.app, english.patron.apiKey).post(`/api/v1/requests/${enId}/cancel`, {
      reason: "CannotBeFulfilled",
    });
    expect(cancel.status).toBe(200);
    await sendLetters(t, french.inst);
    await sendLetters(t, english.inst);

    const frMail = mailTo(await to(french.patron.id)).find((m) => m.subject?.startsWith("Votre demande"));
    expect(frMail!.subject).toMatch(/^Votre demande de numérisation a été annulée : /);
    expect(frMail!.text).toContain("Motif : La demande ne peut pas être satisfaite");
    expect(frMail!.html).toContain("<p>Motif : La demande ne peut pas être satisfaite</p>");
    const enMail = mailTo(await to(english.patron.id)).find((m) => m.subject?.includes("was cancelled"));
    expect(enMail!.text).toContain("Reason: The request cannot be fulfilled");
    expect(enMail!.html).toContain("<p>Reason: The request cannot be fulfilled</p>");
    for (const mail of [frMail!, enMail!]) {
      expect(mail.text).not.toContain("CannotBeFulfilled");
      expect(mail.html).not.toContain("CannotBeFulfilled");
    }
  });

  it("prints the label of the institution's own approval reason, and keeps the code for its templates", async () => {
    const scene = await deliveryScene(t, { target: "link" });
    const created = await client(t.app, (await admin(t.ctx, scene.inst)).apiKey).post("/api/v1/approval-reasons", {
      code: "NO_LICENCE",
      label: "Our licences do not cover this work",
    });
    expect(created.status).toBe(201);
    await t.ctx.db
      .insertInto("letter_templates")
      .values({
        institution_id: scene.inst.id,
        code: "request_cancelled",
        language: "en",
        subject: "Closed: {{ request.title }}",
        body_html: "<p>{{ request.reason }}</p>",
        body_text: "{{ request.reason }} [{% if request.reason_code == 'NO_LICENCE' %}licence{% endif %}]",
        updated_at: "2026-03-02T00:00:00.000Z",
      })
      .execute();
    const id = await deliveredRequest(t, scene);
    const cancel = await client(t.app, scene.patron.apiKey).post(`/api/v1/requests/${id}/cancel`, {
      reason: "NO_LICENCE",
    });
    expect(cancel.status).toBe(200);
    await sendLetters(t, scene.inst);
    const mail = mailTo(await to(scene.patron.id)).find((m) => m.subject?.startsWith("Closed"));
    expect(mail!.text?.trim()).toBe("Our licences do not cover this work [licence]");
    // Another institution's list is not this one's: there the code is only a word staff wrote.
    const other = await deliveryScene(t, { target: "link" });
    const otherId = await deliveredRequest(t, other);
    await client(t.app, other.patron.apiKey).post(`/api/v1/requests/${otherId}/cancel`, { reason: "NO_LICENCE" });
    await sendLetters(t, other.inst);
    const otherMail = mailTo(await to(other.patron.id)).find((m) => m.subject?.includes("was cancelled"));
    expect(otherMail!.text).toContain("Reason: NO_LICENCE");
  });
});

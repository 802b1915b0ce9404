import fs from "node:fs";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { startTestSmtp } from "../../test/smtp.js";

const t = useTestApp();

const template = (body: string) => ({ subject: "S {{ patron.first_name }}", body_html: body, body_text: body });

describe("letters API", () => {
  it("lists the five letters with defaults; request_received is disabled", async () => {
    const inst = await makeInstitution(t.ctx);
    const res = await client(t.app, (await admin(t.ctx, inst)).apiKey).get("/api/v1/letters");
    expect(res.status).toBe(200);
    expect(res.body.letters.map((l: any) => [l.code, l.enabled])).toEqual([
      ["digitization_notification_item", true],
      ["document_delivery_notification", true],
      ["request_cancelled", true],
      ["request_received", false],
      ["resource_request_slip", true],
    ]);
    for (const letter of res.body.letters) {
      expect(letter.templates.map((x: any) => [x.language, x.customized])).toEqual([
        ["en", false],
        ["fr", false],
        ["de", false],
        ["es", false],
      ]);
    }
    const texts = res.body.letters[1].templates;
    expect(texts[0].body_text).toContain("{{ delivery.max_views }}");
    expect(texts[1].subject).toBe("Votre copie est prête à être téléchargée : {{ request.title }}");
    expect(texts[2].body_text).toContain("Jeder Link kann {{ delivery.max_views }}-mal verwendet werden");
    expect(texts[3].body_html).toContain("Cada enlace puede utilizarse {{ delivery.max_views }} veces");
  });

  it("lets a Letter Administrator write a text, enable a letter, preview and reset it", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await makeUser(t.ctx, inst, { roles: [{ role: "LETTER_ADMINISTRATOR" }] })).apiKey;
    const api = client(t.app, key);
    const saved = await api.put(
      "/api/v1/letters/request_received/templates/de",
      template("Hallo {{ patron.first_name }}"),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.templates.map((x: any) => [x.language, x.customized])).toEqual([
      ["en", false],
      ["fr", false],
      ["de", true],
      ["es", false],
    ]);
    const italian = await api.put("/api/v1/letters/request_received/templates/it", template("Ciao"));
    expect(italian.body.templates.map((x: any) => [x.language, x.customized]).slice(3)).toEqual([
      ["es", false],
      ["it", true],
    ]);
    expect((await api.patch("/api/v1/letters/request_received", { enabled: true })).body.enabled).toBe(true);
    const preview = await api.post("/api/v1/letters/request_received/preview", { language: "de" });
    expect(preview.body).toMatchObject({ language: "de", subject: "S Ada", text: "Hallo Ada", html: "Hallo Ada" });
    const regional = await api.post("/api/v1/letters/request_received/preview", { language: "de-AT" });
    expect(regional.body).toMatchObject({ language: "de", text: "Hallo Ada" });
    const fallback = await api.post("/api/v1/letters/request_received/preview", { language: "pt" });
    expect(fallback.body.language).toBe("en");

    // Reset: German falls back to Recto's German text; Italian, which Recto does not ship, is gone.
    const reset = await api.delete("/api/v1/letters/request_received/templates/de");
    expect(reset.body.templates.map((x: any) => [x.language, x.customized])).toEqual([
      ["en", false],
      ["fr", false],
      ["de", false],
      ["es", false],
      ["it", true],
    ]);
    expect(reset.body.templates[2].subject).toBe(
      "Wir haben Ihren Digitalisierungsauftrag erhalten: {{ request.title }}",
    );
    const builtIn = await api.post("/api/v1/letters/request_received/preview", { language: "de" });
    expect(builtIn.body).toMatchObject({
      language: "de",
      subject: "Wir haben Ihren Digitalisierungsauftrag erhalten: Sketch of the Analytical Engine",
    });
    expect((await api.delete("/api/v1/letters/request_received/templates/de")).status).toBe(404);
    expect((await api.delete("/api/v1/letters/request_received/templates/it")).body.templates).toHaveLength(4);
    expect((await api.delete("/api/v1/letters/request_received/templates/fr")).status).toBe(404);
  });

  it("previews in the language asked for: the institution's text, Recto's, the default language, then English", async () => {
    const inst = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    const preview = async (language: string) =>
      (await api.post("/api/v1/letters/request_cancelled/preview", { language })).body;

    expect(await preview("fr")).toMatchObject({
      language: "fr",
      subject: "Votre demande de numérisation a été annulée : Sketch of the Analytical Engine",
    });
    // The sample reason is Recto's code CannotBeFulfilled, said in the preview's language.
    expect((await preview("fr")).text).toContain("Motif : La demande ne peut pas être satisfaite");
    expect((await preview("fr")).text).not.toContain("CannotBeFulfilled");
    expect((await preview("de")).text).toContain("Grund: Der Auftrag kann nicht ausgeführt werden");
    expect(await preview("fr-CA")).toMatchObject({ language: "fr", subject: (await preview("fr")).subject });
    expect((await preview("es")).html).toContain("<p>Estimado/a Ada Lovelace:</p>");
    expect(await preview("it")).toMatchObject({ language: "en", subject: expect.stringMatching(/^Your digitization/) });

    // A language Recto lacks falls to the institution's default language before English.
    await t.ctx.db.updateTable("institutions").set({ default_language: "de" }).where("id", "=", inst.id).execute();
    expect(await preview("it")).toMatchObject({
      language: "de",
      subject: "Ihr Digitalisierungsauftrag wurde storniert: Sketch of the Analytical Engine",
    });

    // The institution's own French beats Recto's, for fr and for a regional French.
    const own = await api.put("/api/v1/letters/request_cancelled/templates/fr", {
      subject: "Annulation : {{ request.title }}",
      body_html: "<p>Motif : {{ request.reason }}</p>",
      body_text: "Motif : {{ request.reason }} ({{ request.reason_code }})",
    });
    expect(own.status).toBe(200);
    for (const language of ["fr", "fr-CA"]) {
      expect(await preview(language)).toMatchObject({
        language: "fr",
        subject: "Annulation : Sketch of the Analytical Engine",
        text: "Motif : La demande ne peut pas être satisfaite (CannotBeFulfilled)",
      });
    }
    expect((await preview("es")).language).toBe("es");
  });

  it("refuses a template that does not parse, naming the part, and changes nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    const res = await api.put("/api/v1/letters/request_cancelled/templates/en", {
      subject: "ok",
      body_html: "{% if %}",
      body_text: "fine",
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "body_html" }] });
    const letter = await api.get("/api/v1/letters/request_cancelled");
    expect(letter.body.templates.every((x: any) => x.customized === false)).toBe(true);
    const badLanguage = await api.put("/api/v1/letters/request_cancelled/templates/EN_1", template("x"));
    expect(badLanguage.status).toBe(400);
    expect((await api.get("/api/v1/letters/no_such_letter")).status).toBe(404);
  });

  it("renders nothing dangerous: no environment, no files, no prototype internals", async () => {
    const inst = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    process.env.RECTO_TEST_SECRET = "leaked-secret-value";
    const probes = [
      "{{ process.env.RECTO_TEST_SECRET }}{{ env.RECTO_TEST_SECRET }}{{ global.process }}",
      "{{ patron.constructor }}{{ patron.__proto__ }}{{ patron.constructor.constructor }}{{ patron.first_name.constructor }}",
      "{% assign f = patron.toString %}{{ f }}{{ request.title.length }}{{ patron | json }}",
      "{{ 'x' | constructor }}",
    ];
    const outputs: string[] = [];
    for (const body of probes) {
      const res = await api.post("/api/v1/letters/request_received/preview", { template: template(body) });
      outputs.push(JSON.stringify(res.body));
      expect([200, 400]).toContain(res.status);
    }
    for (const out of outputs) {
      expect(out).not.toContain("leaked-secret-value");
      expect(out).not.toMatch(/function|native code|\[object/);
    }
    for (const tag of ["{% include '/etc/passwd' %}", "{% render 'package.json' %}", "{% layout '/etc/hosts' %}"]) {
      const res = await api.post("/api/v1/letters/request_received/preview", { template: template(tag) });
      expect(res.status).toBe(400);
      expect(res.body.fields[0].message).toMatch(/not available in letters/);
    }
    const loop = await api.post("/api/v1/letters/request_received/preview", {
      template: template("{% for i in (1..100000000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}"),
    });
    expect(loop.status).toBe(400);
    expect(loop.body.fields).toEqual([
      { field: "body_html", message: "the template needs too much memory to render: it is too complex" },
    ]);
    // The renderer is still there for the next template.
    const after = await api.post("/api/v1/letters/request_received/preview", { template: template("ok") });
    expect(after).toMatchObject({ status: 200, body: { text: "ok" } });
  });

  it("sends a test letter, written as .eml without SMTP, and lists it only to staff", async () => {
    const inst = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    const res = await api.post("/api/v1/letters/document_delivery_notification/test", { to: "me@example.edu" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ to: "me@example.edu", transport: "eml", language: "en" });
    const mail = await simpleParser(fs.readFileSync(`${t.config.mailDir}/${inst.id}/${res.body.eml_name}`));
    expect(mail.subject).toBe("[TEST] Your copy is ready to download: Sketch of the Analytical Engine");
    expect(mail.to).toMatchObject({ text: "me@example.edu" });
    expect(mail.text).toContain("Each link can be used 5 times and works until 2026-03-16.");
    const french = await api.post("/api/v1/letters/document_delivery_notification/test", {
      to: "me@example.edu",
      language: "fr",
    });
    expect(french.body).toMatchObject({ transport: "eml", language: "fr" });
    const frMail = await simpleParser(fs.readFileSync(`${t.config.mailDir}/${inst.id}/${french.body.eml_name}`));
    expect(frMail.subject).toBe("[TEST] Votre copie est prête à être téléchargée : Sketch of the Analytical Engine");
    expect(frMail.text).toContain("Chaque lien peut être utilisé 5 fois et reste valable jusqu'au 2026-03-16.");
    expect(frMail.html).toContain("<p>Cordialement,<br>");
    const bad = await api.post("/api/v1/letters/document_delivery_notification/test", { to: "not-an-address" });
    expect(bad).toMatchObject({ status: 400, body: { fields: [{ field: "to" }] } });
  });

  it("answers 502 MAIL_NOT_SENT when the mail server refuses, and sends once it is back", async () => {
    const smtp = await startTestSmtp();
    const before = t.config.smtpUrl;
    try {
      t.config.smtpUrl = smtp.url;
      await smtp.stop();
      const inst = await makeInstitution(t.ctx);
      const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
      const refused = await api.post("/api/v1/letters/document_delivery_notification/test", { to: "me@example.edu" });
      expect(refused.status).toBe(502);
      expect(refused.body.code).toBe("MAIL_NOT_SENT");
      expect(refused.body.message).toMatch(/^The test letter could not be sent: /);
      await smtp.start();
      const sent = await api.post("/api/v1/letters/document_delivery_notification/test", { to: "me@example.edu" });
      expect(sent.body).toMatchObject({ transport: "smtp", to: "me@example.edu" });
      expect(smtp.received.map((m) => m.subject)).toEqual([
        "[TEST] Your copy is ready to download: Sketch of the Analytical Engine",
      ]);
    } finally {
      t.config.smtpUrl = before;
      await smtp.stop();
    }
  });

  it("refuses patrons and other staff (403) and answers 401 without a key", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst);
    const operator = await makeUser(t.ctx, inst, {
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    });
    for (const key of [patron.apiKey, operator.apiKey]) {
      const api = client(t.app, key);
      expect((await api.get("/api/v1/letters")).status).toBe(403);
      expect((await api.patch("/api/v1/letters/request_received", { enabled: true })).status).toBe(403);
      expect((await api.put("/api/v1/letters/request_received/templates/en", template("x"))).status).toBe(403);
      expect((await api.get("/api/v1/mail/eml")).status).toBe(403);
    }
    expect((await client(t.app).get("/api/v1/letters")).status).toBe(401);
  });
});

import { describe, expect, it } from "vitest";
import { makeUser, setDefaultWorkflow } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { checkOf, readiness, readyInstitution, type ReadyScene } from "../../test/readiness-fixture.js";

const t = useTestApp();

const prefers = async (scene: ReadyScene, language: string) => {
  const user = await makeUser(t.ctx, scene.inst, { group: "GRAD" });
  await t.ctx.db.updateTable("users").set({ preferred_language: language }).where("id", "=", user.id).execute();
};

describe("readiness: the letters", () => {
  it("delivery_letters_enabled: the letter of the delivery target in use must be enabled", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    // the default rule delivers by link; the attachment letter is not needed
    expect((await api.patch("/api/v1/letters/digitization_notification_item", { enabled: false })).status).toBe(200);
    expect((await checkOf(scene, "delivery_letters_enabled")).status).toBe("pass");

    await setDefaultWorkflow(t.ctx, inst, { target: "attachment", max_views: null, link_expiry_days: null });
    const failing = await checkOf(scene, "delivery_letters_enabled");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "letter_disabled",
        subject: { type: "letter", id: null, code: "digitization_notification_item", name: null },
        detail: "attachment",
        fix: {
          page: "/staff/setup/letters/digitization_notification_item",
          api: "PATCH /api/v1/letters/digitization_notification_item",
        },
      }),
    ]);
    await api.patch("/api/v1/letters/digitization_notification_item", { enabled: true });
    expect((await checkOf(scene, "delivery_letters_enabled")).status).toBe("pass");

    // a file too large to attach goes by link: attachment needs the link letter as well
    await api.patch("/api/v1/letters/document_delivery_notification", { enabled: false });
    expect((await checkOf(scene, "delivery_letters_enabled")).problems.map((p) => p.subject.code)).toEqual([
      "document_delivery_notification",
    ]);
  });

  it("letters_render: a text that does not render in a language patrons prefer fails, with its language", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    await prefers(scene, "fr");
    // the API checks a text when it is saved; one written before that check, or by hand, may not render
    await t.ctx.db
      .insertInto("letter_templates")
      .values({
        institution_id: inst.id,
        code: "request_cancelled",
        language: "fr",
        subject: "Demande annulée",
        body_html: "<p>{% if %}</p>",
        body_text: "Annulée",
        updated_at: t.clock.now().toISOString(),
      })
      .execute();
    const failing = await checkOf(scene, "letters_render");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "render_failed",
        subject: expect.objectContaining({ type: "letter", code: "request_cancelled" }),
        language: "fr",
        detail: expect.stringMatching(/^body_html: /),
        fix: {
          page: "/staff/setup/letters/request_cancelled?language=fr",
          api: "PUT /api/v1/letters/request_cancelled/templates/fr",
        },
      }),
    ]);
    expect((await readiness(scene)).ready).toBe(false);
    const saved = await api.put("/api/v1/letters/request_cancelled/templates/fr", {
      subject: "Demande annulée",
      body_html: "<p>Votre demande {{ request.id }} est annulée.</p>",
      body_text: "Votre demande {{ request.id }} est annulée.",
    });
    expect(saved.status).toBe(200);
    expect((await checkOf(scene, "letters_render")).status).toBe("pass");
  });

  it("letters_render: a language Recto has no text for warns that those patrons get another", async () => {
    const scene = await readyInstitution(t);
    await prefers(scene, "pt-BR");
    const warning = await checkOf(scene, "letters_render");
    expect(warning.status).toBe("warn");
    expect(warning.problems[0]).toMatchObject({
      kind: "letter_not_in_language",
      severity: "warn",
      language: "pt-BR",
      detail: "en",
      fix: { page: "/staff/setup/letters/digitization_notification_item?language=pt-BR" },
    });
    // a warning leaves the institution ready
    expect((await readiness(scene)).ready).toBe(true);
  });
});

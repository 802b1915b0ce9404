import { describe, expect, it } from "vitest";
import { makeInstitution } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { upsertTemplate } from "./letters-repository.js";
import { chooseTemplate } from "./templates.js";

const t = useTestApp();

const write = (institutionId: number, language: string, subject: string) =>
  upsertTemplate(t.ctx.db, {
    institution_id: institutionId,
    code: "request_received",
    language,
    subject,
    body_html: subject,
    body_text: subject,
    updated_at: "2026-03-02T00:00:00.000Z",
  });

const choose = async (institutionId: number, ...languages: (string | null | undefined)[]) => {
  const c = await chooseTemplate(t.ctx.db, institutionId, "request_received", languages);
  return [c.language, c.customized, c.subject.split(":")[0]];
};

describe("choosing a letter's text", () => {
  it("takes Recto's text in the first language it ships, by primary subtag and in any case", async () => {
    const inst = await makeInstitution(t.ctx);
    expect(await choose(inst.id, "fr", "en")).toEqual([
      "fr",
      false,
      "Nous avons bien reçu votre demande de numérisation ",
    ]);
    expect(await choose(inst.id, "fr-CA", "de")).toEqual([
      "fr",
      false,
      "Nous avons bien reçu votre demande de numérisation ",
    ]);
    expect(await choose(inst.id, "de_CH", "fr")).toEqual([
      "de",
      false,
      "Wir haben Ihren Digitalisierungsauftrag erhalten",
    ]);
    expect(await choose(inst.id, "ES", "fr")).toEqual(["es", false, "Hemos recibido su solicitud de digitalización"]);
    expect(await choose(inst.id, null, "", "  ", "es")).toEqual([
      "es",
      false,
      "Hemos recibido su solicitud de digitalización",
    ]);
  });

  it("falls from a language Recto lacks to the institution's default, then to English", async () => {
    const inst = await makeInstitution(t.ctx);
    expect(await choose(inst.id, "it", "de")).toEqual([
      "de",
      false,
      "Wir haben Ihren Digitalisierungsauftrag erhalten",
    ]);
    expect(await choose(inst.id, "it", "pt-BR")).toEqual(["en", false, "We received your digitization request"]);
    expect(await choose(inst.id)).toEqual(["en", false, "We received your digitization request"]);
    await write(inst.id, "en", "Our English");
    expect(await choose(inst.id, "it", "pt")).toEqual(["en", true, "Our English"]);
  });

  it("prefers the institution's own text in a language to Recto's, and to its own in later languages", async () => {
    const inst = await makeInstitution(t.ctx);
    await write(inst.id, "fr", "Notre français");
    await write(inst.id, "de-CH", "Unser Schweizerdeutsch");
    await write(inst.id, "it", "Il nostro italiano");
    expect(await choose(inst.id, "fr", "it")).toEqual(["fr", true, "Notre français"]);
    // fr-CA: no text of its own, so the institution's French comes before Recto's.
    expect(await choose(inst.id, "fr-CA", "it")).toEqual(["fr", true, "Notre français"]);
    expect(await choose(inst.id, "de-CH", "fr")).toEqual(["de-CH", true, "Unser Schweizerdeutsch"]);
    expect(await choose(inst.id, "de_ch", "fr")).toEqual(["de-CH", true, "Unser Schweizerdeutsch"]);
    // A regional text does not serve the language as a whole.
    expect(await choose(inst.id, "de", "fr")).toEqual([
      "de",
      false,
      "Wir haben Ihren Digitalisierungsauftrag erhalten",
    ]);
    expect(await choose(inst.id, "it-CH", "fr")).toEqual(["it", true, "Il nostro italiano"]);
    expect(await choose(inst.id, "pt", "it")).toEqual(["it", true, "Il nostro italiano"]);
    // Another institution's texts are not this one's.
    const other = await makeInstitution(t.ctx);
    expect(await choose(other.id, "it", "fr")).toEqual([
      "fr",
      false,
      "Nous avons bien reçu votre demande de numérisation ",
    ]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { LETTER_CODES } from "../letter-codes.js";
import { loadConfig } from "../../config.js";
import { closeRenderPools, renderLetter as render } from "../render.js";
import { sampleLetterData } from "../sample-data.js";
import type { TemplateText } from "../template-text.js";
import { BUILT_IN_LANGUAGES, BUILT_IN_TEXTS, builtInLanguageFor, builtInText } from "./index.js";

const sample = (request: Record<string, unknown> = {}) => {
  const data = sampleLetterData({ name: "Bibliothèque universitaire", code: "BU" }, "https://recto.example.edu");
  return { ...data, request: { ...(data.request as object), ...request } };
};

const limits = loadConfig({}).letterRender;
const renderLetter = (template: TemplateText, data: Record<string, unknown>) => render(template, data, limits);

afterAll(closeRenderPools);

const PARTS = ["subject", "body_html", "body_text"] as const;

// The English texts say the outcome with outcome_text (English words); the others decide on
// request.outcome so the verb can agree in their language.
const outputs = (text: string) =>
  new Set([...text.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]).filter((v) => v !== "request.outcome_text"));

describe("built-in letter texts", () => {
  it("ships every letter in English, French, German and Spanish", () => {
    expect(BUILT_IN_LANGUAGES).toEqual(["en", "fr", "de", "es"]);
    for (const language of BUILT_IN_LANGUAGES) {
      expect(Object.keys(BUILT_IN_TEXTS[language]).sort()).toEqual([...LETTER_CODES].sort());
    }
  });

  for (const language of BUILT_IN_LANGUAGES) {
    for (const code of LETTER_CODES) {
      it(`${language} ${code} renders with the sample data, leaving no Liquid behind`, async () => {
        for (const outcome of ["CANCELLED", "REJECTED", "EXPIRED", null]) {
          const out = await renderLetter(builtInText(language, code), sample({ outcome }));
          for (const part of [out.subject, out.html, out.text]) {
            expect(part.trim()).not.toBe("");
            expect(part).not.toMatch(/{{|}}|{%|%}/);
          }
          for (const body of [out.html, out.text]) {
            expect(body).toContain("Sketch of the Analytical Engine");
            expect(body).toContain("1234");
          }
          expect(out.subject).toMatch(/Sketch of the Analytical Engine|1234/);
          expect(out.subject).not.toMatch(/\n/);
          expect(out.text).not.toMatch(/<\/?[a-z]+>/);
        }
      });
    }
  }

  it("uses the same data as the English text, part by part, in every language", () => {
    for (const language of BUILT_IN_LANGUAGES) {
      for (const code of LETTER_CODES) {
        for (const part of PARTS) {
          const english = builtInText("en", code)[part];
          const translated: TemplateText = builtInText(language, code);
          expect([language, code, part, outputs(translated[part])]).toEqual([language, code, part, outputs(english)]);
          if (language !== "en") expect(translated[part]).not.toBe(english);
        }
      }
    }
  });

  it("says the link's views and expiry, and each outcome, in the patron's language", async () => {
    const link = async (language: "fr" | "de" | "es") =>
      (await renderLetter(builtInText(language, "document_delivery_notification"), sample())).text;
    expect(await link("fr")).toContain("Chaque lien peut être utilisé 5 fois et reste valable jusqu'au 2026-03-16.");
    expect(await link("de")).toContain("Jeder Link kann 5-mal verwendet werden und ist bis zum 2026-03-16 gültig.");
    expect(await link("es")).toContain("Cada enlace puede utilizarse 5 veces y estará disponible hasta el 2026-03-16.");

    const subject = async (language: "fr" | "de" | "es", outcome: string | null) =>
      (await renderLetter(builtInText(language, "request_cancelled"), sample({ outcome }))).subject;
    expect(await subject("fr", "CANCELLED")).toBe(
      "Votre demande de numérisation a été annulée : Sketch of the Analytical Engine",
    );
    expect(await subject("fr", "EXPIRED")).toBe(
      "Votre demande de numérisation a expiré : Sketch of the Analytical Engine",
    );
    expect(await subject("de", "REJECTED")).toBe(
      "Ihr Digitalisierungsauftrag wurde abgelehnt: Sketch of the Analytical Engine",
    );
    expect(await subject("de", "EXPIRED")).toBe(
      "Ihr Digitalisierungsauftrag ist abgelaufen: Sketch of the Analytical Engine",
    );
    expect(await subject("es", "REJECTED")).toBe(
      "Su solicitud de digitalización ha sido rechazada: Sketch of the Analytical Engine",
    );
    expect(await subject("es", null)).toBe(
      "Su solicitud de digitalización se ha cerrado: Sketch of the Analytical Engine",
    );
  });

  it("escapes the request's data in the HTML of every language", async () => {
    for (const language of BUILT_IN_LANGUAGES) {
      const out = await renderLetter(builtInText(language, "request_received"), sample({ title: "<b>Bold</b> & co" }));
      expect(out.html).toContain("&lt;b&gt;Bold&lt;/b&gt; &amp; co");
      expect(out.text).toContain("<b>Bold</b> & co");
    }
  });

  it("serves a regional or differently written tag by its primary language, and nothing else", () => {
    expect(["fr-CA", "de_CH", "ES", " es-419 ", "en-GB", "fr"].map(builtInLanguageFor)).toEqual([
      "fr",
      "de",
      "es",
      "es",
      "en",
      "fr",
    ]);
    expect(["it", "pt-BR", "frr", "", "constructor", "__proto__"].map(builtInLanguageFor)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

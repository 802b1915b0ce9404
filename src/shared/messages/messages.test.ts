import { describe, expect, it } from "vitest";
import { errorCatalogue } from "../../errors.js";
import { fromAcceptLanguage, LANGUAGES, messagesIn, toLanguage, type Messages } from "./index.js";
import { sayIssue } from "./zod-issues.js";

/** Every text of a catalogue, by its path; functions are called with sample arguments. */
function texts(m: Messages): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") out.set(path, value);
    else if (typeof value === "function") out.set(path, (value as (...a: unknown[]) => string)(7, 9));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk(m, "");
  return out;
}

describe("the server's messages", () => {
  it("say every code of the error catalogue in every language", () => {
    for (const language of LANGUAGES) {
      const m = messagesIn(language);
      for (const code of Object.keys(errorCatalogue) as (keyof typeof errorCatalogue)[]) {
        expect([language, code, typeof m.errors[code]]).toEqual([language, code, "string"]);
        expect(m.errors[code].trim().length, `${language} ${code}`).toBeGreaterThan(10);
      }
      expect(Object.keys(m.errors).sort()).toEqual(Object.keys(errorCatalogue).sort());
    }
  });

  it("have every English text in French, German and Spanish, and none left in English", () => {
    const en = texts(messagesIn("en"));
    for (const language of ["fr", "de", "es"] as const) {
      const other = texts(messagesIn(language));
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      const untranslated = [...en].filter(([path, text]) => path !== ".language" && other.get(path) === text);
      expect(untranslated, language).toEqual([]);
      expect(other.get(".language")).toBe(language);
    }
  });

  it("read a language from an Accept-Language header or a stored tag", () => {
    expect(fromAcceptLanguage("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(fromAcceptLanguage("ja, de;q=0.5, es;q=0.7")).toBe("es");
    expect(fromAcceptLanguage("en;q=0, de")).toBe("de");
    expect(fromAcceptLanguage("*")).toBeNull();
    expect(fromAcceptLanguage("ja, zh-TW")).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
    expect([toLanguage("fra"), toLanguage("DE_ch"), toLanguage("it"), toLanguage(null)]).toEqual([
      "fr",
      "de",
      null,
      null,
    ]);
  });

  it("say a zod issue by what failed: missing, too long, out of range, a named custom check", () => {
    const fr = messagesIn("fr");
    const say = (code: string, params: Record<string, unknown>, missing = false) =>
      sayIssue({ code, params, missing })(fr);
    expect(say("invalid_type", { expected: "string" }, true)).toBe("Remplissez ce champ");
    expect(say("too_small", { origin: "string", minimum: 1 })).toBe("Remplissez ce champ");
    expect(say("too_big", { origin: "string", maximum: 500 })).toBe("Saisissez au plus 500 caractères");
    expect(say("too_big", { origin: "number", maximum: 100 })).toBe("Saisissez un nombre inférieur ou égal à 100");
    expect(say("too_big", { origin: "array", maximum: 20 })).toBe("Indiquez-en au plus 20");
    expect(say("invalid_type", { expected: "number" })).toBe("Saisissez un nombre");
    expect(say("invalid_type", { expected: "boolean" })).toBe("Répondez par oui ou par non");
    expect(say("custom", { params: { say: "pageNumber" } })).toBe(fr.fields.pageNumber);
    expect(say("custom", { params: { say: "no such sentence" } })).toBe(fr.fields.invalid);
    expect(say("custom", {})).toBe(fr.fields.invalid);
    expect(say("unrecognized_keys", { keys: ["colour"] }, true)).toBe(
      "Retirez ce que ce formulaire ne connaît pas : colour",
    );
  });
});

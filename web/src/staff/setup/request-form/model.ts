import type { paths } from "../../../shared/api/schema";
import type { PublicForm, Title } from "../../../shared/request-form/use-request-form";

export type FormConfig =
  paths["/api/v1/request-form/config"]["get"]["responses"][200]["content"]["application/json"]["config"];
export type FieldConfig = FormConfig["fields"][number];
export type Texts = Record<string, string>;
export const FORM_LANGUAGES = ["en", "fr", "de", "es"] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

/** The text in the language asked for, else English, else any (as the server picks it). */
export const pick = (texts: Texts, lang: string): string | null =>
  texts[lang] ?? texts.en ?? Object.values(texts).find((v) => v) ?? null;

/** A language's text set or, when emptied, left out: an empty text is no text (the server refuses ""). */
export function withText(texts: Texts, lang: string, value: string): Texts {
  const next = { ...texts };
  if (value.trim()) next[lang] = value;
  else delete next[lang];
  return next;
}

/** The form patrons get in one language, from a configuration not saved yet (the server's presentPublicForm). */
export function toPublicForm(config: FormConfig, lang: FormLanguage): PublicForm {
  return {
    language: lang,
    fields: config.fields
      .filter((f) => f.display_to_public)
      .sort((a, b) => a.order - b.order)
      .map((f) => ({
        code: f.code,
        label: pick(f.label, lang) ?? f.code,
        help: pick(f.help, lang),
        mandatory: f.mandatory,
        default_value: f.default_value,
        order: f.order,
      })),
    checkboxes: config.checkboxes.map((b) => ({
      code: b.code,
      label: pick(b.label, lang) ?? b.code,
      mandatory: b.mandatory,
    })),
    copyright_notice: pick(config.copyright_notice, lang),
    inherited_from: null,
  };
}

/**
 * The title the preview asks about: two described volumes, so the volume choice shows as it does
 * for a serial. Only the parts of a title the form reads are filled in.
 */
export const SAMPLE_TITLE = {
  mms_id: "0",
  holdings: [
    {
      items: [
        { id: 1, description: "Vol. 1" },
        { id: 2, description: "Vol. 2" },
      ],
    },
  ],
} as unknown as Title;

import { z } from "zod";

/*
 * The institution's request form configuration (DOMAIN 5.6): each field of the form with its
 * label and help per language, whether patrons see it, its default and whether it is mandatory,
 * in order; custom checkboxes; the copyright warning notice per language.
 */

export const FORM_FIELD_CODES = [
  "partial_digitization",
  "chapter_or_article_title",
  "chapter_or_article_author",
  "volume",
  "issue",
  "part",
  "date_of_publication",
  "required_pages_range",
  "full_chapter",
  "comment",
  "last_interest_date",
  "description",
  "doi",
  "pmid",
  "copyrights_declaration_signed_by_patron",
] as const;
export type FormFieldCode = (typeof FORM_FIELD_CODES)[number];

export const FORM_LANGUAGES = ["en", "fr", "de", "es"] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

/** Fields answered yes or no: a default is true or false, and "mandatory" means "must be yes". */
export const BOOLEAN_FIELDS: readonly FormFieldCode[] = [
  "partial_digitization",
  "full_chapter",
  "copyrights_declaration_signed_by_patron",
];

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const perLanguage = (max: number) =>
  z
    .object({ en: text(max).optional(), fr: text(max).optional(), de: text(max).optional(), es: text(max).optional() })
    .strict()
    .describe("Text per language (en, fr, de, es); a missing language falls back to English, then any");

export const formFieldConfigSchema = z
  .object({
    code: z.enum(FORM_FIELD_CODES),
    label: perLanguage(300).refine((l) => Object.keys(l).length > 0, "needs a label in at least one language"),
    help: perLanguage(1000).default({}),
    display_to_public: z.boolean(),
    mandatory: z.boolean(),
    default_value: z
      .union([z.string().max(1000), z.boolean()])
      .nullable()
      .default(null),
    order: z.number().int().min(0).max(1000),
  })
  .strict();

export const checkboxConfigSchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, "must be letters, digits and _ (starting with a letter), at most 50"),
    label: perLanguage(500).refine((l) => Object.keys(l).length > 0, "needs a label in at least one language"),
    mandatory: z.boolean(),
  })
  .strict();

export const requestFormConfigSchema = z
  .object({
    fields: z.array(formFieldConfigSchema).max(FORM_FIELD_CODES.length),
    checkboxes: z.array(checkboxConfigSchema).max(20).default([]),
    copyright_notice: perLanguage(5000).default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.fields.forEach((f, i) => {
      if (seen.has(f.code)) ctx.addIssue({ code: "custom", path: ["fields", i, "code"], message: "appears twice" });
      seen.add(f.code);
      const bool = BOOLEAN_FIELDS.includes(f.code);
      if (f.default_value !== null && bool !== (typeof f.default_value === "boolean")) {
        ctx.addIssue({
          code: "custom",
          path: ["fields", i, "default_value"],
          message: bool ? "must be true, false or null for this yes/no field" : "must be text or null",
        });
      }
      if (f.code === "partial_digitization" && f.mandatory) {
        ctx.addIssue({
          code: "custom",
          path: ["fields", i, "mandatory"],
          message: "cannot be mandatory: whole or part is always answered",
        });
      }
    });
    const boxes = new Set<string>();
    c.checkboxes.forEach((b, i) => {
      if (boxes.has(b.code))
        ctx.addIssue({ code: "custom", path: ["checkboxes", i, "code"], message: "appears twice" });
      boxes.add(b.code);
    });
  });

export type RequestFormConfig = z.output<typeof requestFormConfigSchema>;
export type FormFieldConfig = RequestFormConfig["fields"][number];

/** The text in the language asked for, else English, else any language given. */
export function pick(texts: Partial<Record<FormLanguage, string>>, lang: string): string | null {
  return texts[lang as FormLanguage] ?? texts.en ?? Object.values(texts).find((v) => v) ?? null;
}

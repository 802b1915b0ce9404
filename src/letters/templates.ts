import type { Executor } from "../db/database.js";
import { builtInLanguageFor, builtInText, FALLBACK_LANGUAGE, primarySubtag } from "./built-in/index.js";
import { LETTERS, type LetterCode } from "./letter-codes.js";
import { letterSettings, templatesOf, type TemplateRow } from "./letters-repository.js";
import type { TemplateText } from "./template-text.js";

interface ChosenTemplate extends TemplateText {
  /** the language of the text chosen, not the one asked for (`fr` for `fr-CA`) */
  language: string;
  /** false: the built-in text */
  customized: boolean;
}

const normalized = (language: string) => language.trim().toLowerCase().replace(/_/g, "-");

/**
 * The institution's own text for a language: written for exactly that tag, else for the same tag
 * spelt differently (`fr_ca`), else for its primary language (`fr` serves `fr-CA`).
 */
function institutionText(rows: TemplateRow[], language: string): TemplateRow | undefined {
  const wanted = normalized(language);
  const primary = primarySubtag(language);
  return (
    rows.find((r) => r.language === language) ??
    rows.find((r) => normalized(r.language) === wanted) ??
    rows.find((r) => normalized(r.language) === primary)
  );
}

const customized = (row: TemplateRow): ChosenTemplate => ({
  language: row.language,
  customized: true,
  subject: row.subject,
  body_html: row.body_html,
  body_text: row.body_text,
});

/**
 * The template to send in. For each language in order (the patron's, then the institution's
 * default), the institution's own text wins, else Recto's built-in text in that language, else
 * the next language; last comes English, the institution's before the built-in. So a patron
 * always gets a letter, and one Recto can write in their language is never sent in English.
 */
export async function chooseTemplate(
  db: Executor,
  institutionId: number,
  code: LetterCode,
  languages: (string | null | undefined)[],
): Promise<ChosenTemplate> {
  return chooseTemplateFrom(await templatesOf(db, institutionId, code), code, languages);
}

/** chooseTemplate among the institution's texts already read (any letters'; only `code`'s count). */
export function chooseTemplateFrom(
  institutionRows: TemplateRow[],
  code: LetterCode,
  languages: (string | null | undefined)[],
): ChosenTemplate {
  const rows = institutionRows.filter((r) => r.code === code);
  for (const language of languages) {
    if (!language?.trim()) continue;
    const own = institutionText(rows, language);
    if (own) return customized(own);
    const builtIn = builtInLanguageFor(language);
    if (builtIn) return { language: builtIn, customized: false, ...builtInText(builtIn, code) };
  }
  const own = institutionText(rows, FALLBACK_LANGUAGE);
  if (own) return customized(own);
  return { language: FALLBACK_LANGUAGE, customized: false, ...builtInText(FALLBACK_LANGUAGE, code) };
}

export async function isLetterEnabled(db: Executor, institutionId: number, code: LetterCode): Promise<boolean> {
  return letterEnabledIn(await letterSettings(db, institutionId), code);
}

/** isLetterEnabled with the institution's letter settings already read. */
export const letterEnabledIn = (settings: Map<string, boolean>, code: LetterCode): boolean =>
  settings.get(code) ?? LETTERS[code].enabledByDefault;

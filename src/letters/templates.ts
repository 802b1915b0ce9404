import type { Executor } from "../db/database.js";
import { BUILT_IN_LANGUAGE, DEFAULT_TEMPLATES, type TemplateText } from "./default-templates.js";
import { LETTERS, type LetterCode } from "./letter-codes.js";
import { letterSettings, templatesOf } from "./letters-repository.js";

export interface ChosenTemplate extends TemplateText {
  language: string;
  /** false: the built-in text */
  customized: boolean;
}

/**
 * The template to send in: the patron's preferred language first, then the institution's
 * default, then the built-in English text. A language the institution did not write falls
 * through to the next, so a patron always gets a letter.
 */
export async function chooseTemplate(
  db: Executor,
  institutionId: number,
  code: LetterCode,
  languages: (string | null | undefined)[],
): Promise<ChosenTemplate> {
  const rows = await templatesOf(db, institutionId, code);
  for (const language of languages) {
    if (!language) continue;
    const row = rows.find((r) => r.language === language);
    if (row)
      return { language, customized: true, subject: row.subject, body_html: row.body_html, body_text: row.body_text };
    if (language === BUILT_IN_LANGUAGE) return { language, customized: false, ...DEFAULT_TEMPLATES[code] };
  }
  const en = rows.find((r) => r.language === BUILT_IN_LANGUAGE);
  if (en)
    return {
      language: en.language,
      customized: true,
      subject: en.subject,
      body_html: en.body_html,
      body_text: en.body_text,
    };
  return { language: BUILT_IN_LANGUAGE, customized: false, ...DEFAULT_TEMPLATES[code] };
}

export async function isLetterEnabled(db: Executor, institutionId: number, code: LetterCode): Promise<boolean> {
  return (await letterSettings(db, institutionId)).get(code) ?? LETTERS[code].enabledByDefault;
}

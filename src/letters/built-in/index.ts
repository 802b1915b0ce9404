import type { LetterCode } from "../letter-codes.js";
import type { LetterTexts, TemplateText } from "../template-text.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";

/**
 * The texts Recto ships. An institution that has not written a letter in one of these languages
 * sends these; writing one stores a copy (letter_templates), so an upgrade never changes a text
 * somebody wrote.
 */
export const BUILT_IN_TEXTS = { en, fr, de, es } as const satisfies Record<string, LetterTexts>;

export type BuiltInLanguage = keyof typeof BUILT_IN_TEXTS;

/** In the order staff see them. */
export const BUILT_IN_LANGUAGES = Object.keys(BUILT_IN_TEXTS) as BuiltInLanguage[];

/** Sent when none of the languages asked for has a text. */
export const FALLBACK_LANGUAGE: BuiltInLanguage = "en";

const isBuiltIn = (language: string): language is BuiltInLanguage => Object.hasOwn(BUILT_IN_TEXTS, language);

/** `fr-CA`, `de_CH`, `ES` -> `fr`, `de`, `es`: the built-in texts are not regional. */
export const primarySubtag = (language: string): string => language.trim().toLowerCase().split(/[-_]/)[0]!;

/** The built-in language that serves a language tag, or null when Recto has no text in it. */
export function builtInLanguageFor(language: string): BuiltInLanguage | null {
  const primary = primarySubtag(language);
  return isBuiltIn(primary) ? primary : null;
}

export const builtInText = (language: BuiltInLanguage, code: LetterCode): TemplateText =>
  BUILT_IN_TEXTS[language][code];

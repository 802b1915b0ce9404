import { de } from "./de.js";
import { en, type Messages } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import type { Language } from "./languages.js";

export { en, type Messages } from "./en.js";
export { fromAcceptLanguage, LANGUAGES, toLanguage, type Language } from "./languages.js";

const catalogues: Record<Language, Messages> = { en, fr, de, es };

export function messagesIn(language: Language): Messages {
  return catalogues[language];
}

/**
 * A message that can be said in any language: it picks its sentence from the catalogue it is
 * given, so a use case says what went wrong once and the response says it in the reader's
 * language (`say(fr)`), typed key and arguments alike.
 */
export type Say = (m: Messages) => string;

/** Fields whose zod check is a custom one names the sentence it fails with in `params: { say }`. */
export type CheckSentence = {
  [K in keyof Messages["fields"]]: Messages["fields"][K] extends string ? K : never;
}[keyof Messages["fields"]];

/** The `params` a zod `refine` carries so that its failure is said in the reader's language. */
export const sayOnFailure = (sentence: CheckSentence) => ({ say: sentence });

import { useI18n, type Language } from "./i18n";

/**
 * A screen's own texts, in every language the pages are written in. The staff app keeps each
 * area's texts beside its screens (queues/text.ts, scan/text.ts, ...) instead of one catalogue
 * every screen edits; the type makes a missing key in any language a compile error.
 */
export type Texts<T> = Record<Language, T>;

export const defineTexts = <T>(texts: { en: T; fr: NoInfer<T>; de: NoInfer<T>; es: NoInfer<T> }): Texts<T> => texts;

/** The texts of the page's current language. */
export function useTexts<T>(texts: Texts<T>): T {
  return texts[useI18n().lang];
}

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setRequestLanguage } from "../api/client";
import { de } from "./de";
import { en, type Messages } from "./en";
import { es } from "./es";
import { fr } from "./fr";

export const LANGUAGES = ["en", "fr", "de", "es"] as const;
export type Language = (typeof LANGUAGES)[number];
const catalogues: Record<Language, Messages> = { en, fr, de, es };
const STORAGE_KEY = "recto.language";

/** "fr-CA", "fra" or "FR" as one of LANGUAGES; null when the pages are not written in it. */
export function toLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? "";
  const two =
    ({ eng: "en", fra: "fr", fre: "fr", deu: "de", ger: "de", spa: "es" } as Record<string, string>)[primary] ??
    primary;
  return (LANGUAGES as readonly string[]).includes(two) ? (two as Language) : null;
}

/**
 * The language of the pages: the one chosen with the switch (kept in this browser), else the
 * patron's preferred language, else the browser's first language the pages are written in,
 * else the institution's.
 */
export function chooseLanguage(
  chosen: string | null,
  preferred: string | null | undefined,
  browser: readonly string[],
  institution: string | null | undefined,
): Language {
  return (
    toLanguage(chosen) ??
    toLanguage(preferred) ??
    browser.map(toLanguage).find((l): l is Language => l !== null) ??
    toLanguage(institution) ??
    "en"
  );
}

interface I18n {
  lang: Language;
  t: Messages;
  /** what the switch sets: remembered in this browser */
  setLanguage(lang: Language): void;
  date(iso: string): string;
  number(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function readChosen(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider(props: {
  preferred: string | null | undefined;
  institution: string | null | undefined;
  children: ReactNode;
}) {
  const [chosen, setChosen] = useState<string | null>(readChosen);
  const lang = chooseLanguage(chosen, props.preferred, navigator.languages ?? [], props.institution);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    // Set while rendering, before any child's query runs in the new language.
    setRequestLanguage(lang);
    const dates = new Intl.DateTimeFormat(lang, { dateStyle: "long" });
    const numbers = new Intl.NumberFormat(lang);
    return {
      lang,
      t: catalogues[lang],
      setLanguage(next) {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // private browsing: the choice lasts for this page only
        }
        setChosen(next);
      },
      date: (iso) => dates.format(new Date(iso)),
      number: (n) => numbers.format(n),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}

export const languageNames: Record<Language, string> = {
  en: en.languageName,
  fr: fr.languageName,
  de: de.languageName,
  es: es.languageName,
};

/**
 * Part of a page in another language than the page (a preview of what patrons of that language
 * see): its texts, dates and numbers, while the page's own requests keep the page's language.
 */
export function InLanguage({ lang, children }: { lang: Language; children: ReactNode }) {
  const outer = useI18n();
  const value = useMemo<I18n>(() => {
    const dates = new Intl.DateTimeFormat(lang, { dateStyle: "long" });
    const numbers = new Intl.NumberFormat(lang);
    return {
      ...outer,
      lang,
      t: catalogues[lang],
      date: (iso) => dates.format(new Date(iso)),
      number: (n) => numbers.format(n),
    };
  }, [outer, lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

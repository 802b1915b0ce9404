import { LANGUAGES, languageNames, useI18n } from "../i18n";

/** The language switch of every page's header: one button per language, the current one pressed. */
export function LanguageSwitch() {
  const { t, lang, setLanguage } = useI18n();
  return (
    <nav className="languages" aria-label={t.languageSwitch}>
      <ul>
        {LANGUAGES.map((l) => (
          <li key={l}>
            <button
              type="button"
              className="language"
              lang={l}
              aria-pressed={l === lang}
              onClick={() => setLanguage(l)}
            >
              {languageNames[l]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { ApiError } from "../../../shared/api/client";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { workspaceQuery } from "../../workspace";
import { EnabledSwitch } from "./EnabledSwitch";
import { languageName } from "./language-name";
import { letterQuery } from "./queries";
import { TemplateForm } from "./TemplateForm";
import { lettersText } from "./text";
import "../comms/comms.css";
import "./letters.css";

/** One letter (/setup/letters/<code>): its switch, and its text in each language with a live preview. */
export function LetterPage({ place, code }: { place: Place; code: string }) {
  const r = useTexts(lettersText);
  const { t, lang } = useI18n();
  const query = useQuery(letterQuery(code));
  const [said, setSaid] = useState("");
  const workspace = useQuery(workspaceQuery);
  if (workspace.data && !workspace.data.setup_areas.letters)
    return (
      <Page title={r.title}>
        <p>{r.noRight}</p>
      </Page>
    );
  const name = r.names[code] ?? code;
  const back = (
    <p>
      <Link href={staffPath(place, "/setup/letters")}>{r.back}</Link>
    </p>
  );
  if (query.error instanceof ApiError && query.error.status === 404)
    return (
      <Page title={r.title}>
        {back}
        <p>{r.notFound}</p>
      </Page>
    );
  const letter = query.data;
  // The page's language first, then the others Recto writes, then the institution's own others.
  const languages = letter ? [...letter.templates].sort((a, b) => rank(a.language, lang) - rank(b.language, lang)) : [];
  // The readiness check links a letter missing a language patrons prefer with ?language=: that
  // language opens, and where the letter has no text in it yet, Recto's English is the draft.
  const asked = askedLanguage(place.search.get("language"));
  const missing = asked !== null && letter !== undefined && !languages.some((x) => x.language === asked);
  const start = languages.find((x) => x.language === "en") ?? languages[0];
  if (missing && start) languages.push({ ...start, language: asked, customized: false });
  const selected = asked !== null && languages.some((x) => x.language === asked) ? asked : languages[0]?.language;
  return (
    <Page title={name}>
      {back}
      {query.isPending && <p className="loading">{t.loading}</p>}
      {query.isError && <LoadFailed retry={() => void query.refetch()} />}
      {letter && (
        <>
          <p className="lead">
            {r.when[code] ?? letter.description} <span className="letter-code">{code}</span>
          </p>
          <EnabledSwitch letter={letter} onSaid={setSaid} />
          <p role="status" className="setup-said">
            {said}
          </p>
          <Tabs className="letter-tabs" defaultSelectedKey={selected}>
            <TabList className="letter-tablist" aria-label={r.languagesLabel}>
              {languages.map((x) => (
                <Tab key={x.language} id={x.language} className="letter-tab">
                  <span>{languageName(x.language, lang)}</span>
                  <span className="letter-tab-kind">
                    {missing && x.language === asked ? r.noTextYet : x.customized ? r.ownText : r.builtIn}
                  </span>
                </Tab>
              ))}
            </TabList>
            {languages.map((x) => (
              <TabPanel key={x.language} id={x.language} className="letter-panel">
                <TemplateForm code={letter.code} name={name} template={x} />
              </TabPanel>
            ))}
          </Tabs>
          <details className="letter-variables">
            <summary>{r.variablesTitle}</summary>
            <p>{r.variablesIntro}</p>
            <dl>
              {r.variables.map(([v, what]) => (
                <div key={v}>
                  <dt>
                    <code>{v}</code>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </details>
        </>
      )}
    </Page>
  );
}

/** A language tag from the address, or null when there is none or it is not a language tag. */
function askedLanguage(value: string | null): string | null {
  return value && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value) ? value : null;
}

const SHIPPED = ["en", "fr", "de", "es"];
function rank(language: string, pageLanguage: string): number {
  if (language === pageLanguage) return -1;
  const i = SHIPPED.indexOf(language);
  return i === -1 ? SHIPPED.length : i;
}

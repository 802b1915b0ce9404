import { useState } from "react";
import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { InLanguage, useI18n } from "../../../shared/i18n";
import { RequestFormFields } from "../../../shared/request-form/RequestFormFields";
import { useRequestForm } from "../../../shared/request-form/use-request-form";
import { useTexts } from "../../../shared/texts";
import { languageName } from "../letters/language-name";
import { FORM_LANGUAGES, SAMPLE_TITLE, toPublicForm, type FormConfig, type FormLanguage } from "./model";
import { formText } from "./text";

/** The patron's form in each language, drawn by the patron app's own components from the unsaved configuration. */
export function FormPreview({ config }: { config: FormConfig }) {
  const x = useTexts(formText);
  const { lang } = useI18n();
  const [shown, setShown] = useState<FormLanguage>(FORM_LANGUAGES.find((l) => l === lang) ?? "en");
  // The form's answers start from the defaults: a changed default starts the preview afresh.
  const defaults = JSON.stringify(config.fields.map((f) => [f.code, f.default_value]));
  return (
    <section className="rf-preview" aria-labelledby="rf-preview-heading">
      <h2 id="rf-preview-heading">{x.previewTitle}</h2>
      <p className="hint">{x.previewHint}</p>
      <Tabs selectedKey={shown} onSelectionChange={(k) => setShown(k as FormLanguage)}>
        <TabList className="letter-tablist" aria-label={x.previewLanguages}>
          {FORM_LANGUAGES.map((l) => (
            <Tab key={l} id={l} className="letter-tab">
              {languageName(l, lang)}
            </Tab>
          ))}
        </TabList>
        {FORM_LANGUAGES.map((l) => (
          <TabPanel key={l} id={l} className="letter-panel">
            <div
              className="rf-patron request-form"
              lang={l}
              role="region"
              aria-label={x.previewRegion(languageName(l, lang))}
            >
              <InLanguage lang={l}>
                <PatronForm key={defaults} config={config} lang={l} />
              </InLanguage>
            </div>
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}

function PatronForm({ config, lang }: { config: FormConfig; lang: FormLanguage }) {
  const rf = useRequestForm({
    form: toPublicForm(config, lang),
    title: SAMPLE_TITLE,
    mmsId: "0",
    prefill: new URLSearchParams(),
    onPlaced: () => undefined,
  });
  return <RequestFormFields rf={rf} />;
}

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../shared/styles.css";
import { Page } from "../shared/components/Page";
import { I18nProvider, useI18n } from "../shared/i18n";

/** The staff app's place at /staff: its pages come in a later issue. */
function Staff() {
  const { t } = useI18n();
  return (
    <main id="main" className="wrap main">
      <Page title={t.staffTitle}>
        <p>{t.staffBody}</p>
        <p>
          <a href="/api/docs">{t.staffApiDocs}</a>
        </p>
      </Page>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider preferred={null} institution={null}>
      <Staff />
    </I18nProvider>
  </StrictMode>,
);

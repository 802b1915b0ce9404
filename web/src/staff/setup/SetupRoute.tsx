import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { findSection } from "./sections";
import { SetupFrame } from "./SetupFrame";

/** A setup part by its address; the landing is the readiness check, which says what to do first. */
export default function SetupRoute({ place }: { place: Place }) {
  const { t } = useI18n();
  const found = findSection(place.path.replace(/^\/staff/, "").replace(/(.)\/$/, "$1"));
  const page = found?.section.page(place, found.rest);
  if (!found || !page)
    return (
      <Page title={t.notFoundTitle}>
        <p>{t.notFoundBody}</p>
      </Page>
    );
  return (
    <SetupFrame place={place} current={found.section}>
      {page}
    </SetupFrame>
  );
}

/**
 * The home: the first screen with requests to work on. Someone with none whose part is the
 * fulfillment setup (departments, rules) starts there, not on the printouts their roles also see.
 */

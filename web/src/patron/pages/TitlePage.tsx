import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "react-aria-components";
import { ApiError } from "../../shared/api/client";
import type { paths } from "../../shared/api/schema";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import type { Messages } from "../../shared/i18n/en";
import { usePlace, type Place } from "../../shared/router";
import { LoadFailed, NotFound } from "../App";
import { explainQuery, titleQuery } from "../queries";
import { lastSearch } from "./SearchPage";

type Title = paths["/api/v1/bibs/{mms_id}"]["get"]["responses"][200]["content"]["application/json"];
type Explained = paths["/api/v1/explain"]["get"]["responses"][200]["content"]["application/json"];
type Service = Explained["services"][number];
type Item = Title["holdings"][number]["items"][number];
type MaterialType = keyof Messages["materialTypes"];
type Status = keyof Messages["status"];

/**
 * Why a service is not offered, in the patron's words: from the check that failed in the
 * explain answer (never its rule ids or staff sentences). Display logic does not say which of
 * its facts hid the service, so the title's own facts pick the likeliest words.
 */
export function patronReason(t: Messages, service: Service, title: Title, item: Item | undefined): string {
  const failed = service.steps.find((s) => !s.passed);
  switch (failed?.check) {
    case "terms_of_use":
    case "patron_status":
    case "patron_blocks":
    case "patron_limit":
    case "patron_group":
    case "delivery":
    case "handling_place":
    case "items":
      return t.reasons[failed.check];
    case "display_logic":
      if (title.full_text_url) return t.reasons.display_readOnline;
      if (item && item.process_status !== "IN_PLACE") return t.reasons.display_notOnShelf;
      return t.reasons.display_other;
    default:
      return t.reasons.unknown;
  }
}

export function TitlePage({ place, mmsId }: { place: Place; mmsId: string }) {
  const { t } = useI18n();
  const title = useQuery(titleQuery(mmsId));
  if (title.isPending) return <p className="loading">{t.loading}</p>;
  if (title.isError) {
    if (title.error instanceof ApiError && title.error.status === 404) return <NotFound base={place.base} />;
    return <LoadFailed retry={() => void title.refetch()} />;
  }
  const b = title.data;
  const published = [b.publisher, b.publication_date ?? (b.publication_year ? String(b.publication_year) : null)]
    .filter(Boolean)
    .join(", ");
  const details: [string, string | null][] = [
    [t.author, b.author],
    [t.published, published || null],
    [t.edition, b.edition],
    [t.isbn, b.isbn],
    [t.issn, b.issn],
    [t.extent, b.extent],
  ];
  return (
    <Page title={b.title}>
      <p className="result-meta">{t.materialTypes[b.material_type as MaterialType] ?? b.material_type}</p>
      <Services title={b} />
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t.titleDetails}</h2>
        <dl className="details">
          {details
            .filter((d): d is [string, string] => d[1] !== null && d[1] !== "")
            .map(([k, v]) => (
              <div key={k} className="detail">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
        {b.full_text_url && (
          <p>
            <a href={b.full_text_url} rel="noopener noreferrer">
              {t.readOnline}
            </a>
          </p>
        )}
      </section>
      <Holdings title={b} />
      <p>
        <Link href={lastSearch ?? `${place.base}/`}>← {t.backToSearch}</Link>
      </p>
    </Page>
  );
}

function Holdings({ title }: { title: Title }) {
  const { t, number } = useI18n();
  return (
    <section aria-labelledby="holdings-heading">
      <h2 id="holdings-heading">{t.whereToFind}</h2>
      {title.holdings.length === 0 && <p>{t.noHoldings}</p>}
      {title.holdings.map((h) => (
        <div key={h.id} className="holding">
          <h3>
            {h.library.name} · {h.location.name}
          </h3>
          {h.call_number && (
            <p>
              {t.callNumber}: <span className="call-number">{h.call_number}</span>
            </p>
          )}
          {h.summary_holdings && (
            <p>
              {t.holdingsSummary}: {h.summary_holdings}
            </p>
          )}
          {h.items.length > 0 && (
            <ul className="items" aria-label={`${t.itemsHeading}: ${h.library.name}`}>
              {h.items.map((i, n) => (
                <li key={i.id} className="item">
                  <span className="item-name">{i.description ?? `${t.copy} ${n + 1}`}</span>
                  {i.page_count !== null && <span className="muted"> · {t.pages(number(i.page_count))}</span>}
                  <span className={`status status-${i.process_status.toLowerCase()}`}>
                    {t.status[i.process_status as Status]}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

function Services({ title }: { title: Title }) {
  const { t } = useI18n();
  const explained = useQuery(explainQuery(title.mms_id));
  const items = title.holdings.flatMap((h) => h.items.map((i) => ({ ...i, libraryName: h.library.name })));
  // The moment the page is usable: bench/title-page.ts reads this mark.
  useEffect(() => {
    if (explained.isSuccess) performance.mark("recto:services-shown");
  }, [explained.isSuccess]);
  return (
    <section aria-labelledby="services-heading" className="services">
      <h2 id="services-heading">{t.servicesHeading}</h2>
      {explained.isPending && <p className="muted">{t.digitizationChecking}</p>}
      {explained.isError && <LoadFailed retry={() => void explained.refetch()} />}
      {explained.isSuccess &&
        (() => {
          const type = items.length > 0 ? "DIGITIZATION" : "GENERAL_DIGITIZATION";
          const service = explained.data.services.find((s) => s.type === type);
          if (!service) return <p>{t.reasons.unknown}</p>;
          const item = items.find((i) => String(i.id) === service.item_id);
          if (!service.offered)
            return (
              <div className="notice">
                <p className="strong">{t.notOfferedLong}</p>
                <p>{patronReason(t, service, title, item)}</p>
              </div>
            );
          const where = item ? [item.libraryName, item.description].filter(Boolean).join(", ") : "";
          return (
            <div className="offer">
              <p>{type === "DIGITIZATION" ? t.digitizationOfferedLong(where) : t.generalDigitizationOfferedLong}</p>
              <AskLink
                mmsId={String(title.mms_id)}
                itemId={items.some((i) => i.description) ? null : (service.item_id ?? null)}
              />
            </div>
          );
        })()}
    </section>
  );
}

/** The way to the request form, with the item the offer is about. */
function AskLink({ mmsId, itemId }: { mmsId: string; itemId: string | null }) {
  const { t } = useI18n();
  const { base } = usePlace();
  return (
    <Link className="button" href={`${base}/titles/${mmsId}/request${itemId ? `?item=${itemId}` : ""}`}>
      {t.askForCopy}
    </Link>
  );
}

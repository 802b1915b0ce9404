import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "react-aria-components";
import { ApiError } from "../../shared/api/client";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import { navigate, type Place } from "../../shared/router";
import { LoadFailed } from "../App";
import { resolveQuery, type Resolved } from "../requests-queries";

/** The OpenURL as it reached the page: its exact bytes, so that a broken encoding is seen as broken. */
const rawQuery = () => location.search.replace(/^\?/, "");

/** The request form's address, pre-filled from the citation (the form's query parameters). */
export function formAddress(base: string, r: Resolved): string {
  const c = r.citation;
  const p = new URLSearchParams();
  const set = (k: string, v: string | null | undefined) => {
    if (v) p.set(k, v);
  };
  set("item", r.match?.item_id);
  set("volume", c.volume);
  set("issue", c.issue);
  set("pages", c.pages);
  set("atitle", c.atitle);
  if (c.atitle) set("aau", c.author);
  set("date", c.date);
  set("doi", c.doi);
  set("pmid", c.pmid);
  p.set("source", "openurl");
  return `${base}/titles/${r.match!.mms_id}/request?${p}`;
}

/**
 * /openurl: a citation from a database or a reading list. Matched: on to the request form,
 * pre-filled. Not matched: the search, filled with the citation's title and author, with the
 * citation shown. Unreadable: a page saying so, with the way to search.
 */
export function OpenUrlPage({ place }: { place: Place }) {
  const { t } = useI18n();
  const raw = rawQuery();
  const resolved = useQuery(resolveQuery(raw));
  useEffect(() => {
    if (!resolved.isSuccess) return;
    const r = resolved.data;
    if (r.match) navigate(formAddress(place.base, r), { replace: true });
    else {
      const p = new URLSearchParams({ q: r.search_text, openurl: raw });
      navigate(`${place.base}/?${p}`, { replace: true });
    }
  }, [resolved.isSuccess, resolved.data, place.base, raw]);
  if (resolved.isError) {
    if (resolved.error instanceof ApiError && resolved.error.code === "OPENURL_UNREADABLE") {
      return (
        <Page title={t.openurl.unreadableTitle}>
          <p>{t.openurl.unreadableBody}</p>
          <p>
            <Link href={`${place.base}/`}>{t.openurl.goSearch}</Link>
          </p>
        </Page>
      );
    }
    return <LoadFailed retry={() => void resolved.refetch()} />;
  }
  return (
    <p className="loading" role="status">
      {t.openurl.resolving}
    </p>
  );
}

/** On the search page after an OpenURL found nothing: the citation the patron came with. */
export function CitationKept({ raw }: { raw: string }) {
  const { t } = useI18n();
  const resolved = useQuery(resolveQuery(raw));
  if (!resolved.isSuccess) return null;
  const c = resolved.data.citation;
  const rows: [string, string | null][] = [
    [t.openurl.articleTitle, c.atitle],
    [t.openurl.sourceTitle, c.title],
    [t.openurl.author, c.author],
    [t.openurl.volume, c.volume],
    [t.openurl.issue, c.issue],
    [t.openurl.pages, c.pages],
    [t.openurl.date, c.date],
    ["ISSN", c.issn],
    ["ISBN", c.isbn],
    ["DOI", c.doi],
  ];
  return (
    <section className="notice citation" aria-labelledby="citation-heading">
      <h2 id="citation-heading">{t.openurl.notFoundTitle}</h2>
      <p>{t.openurl.notFoundBody}</p>
      <dl className="details">
        {rows
          .filter((row): row is [string, string] => row[1] !== null)
          .map(([k, v]) => (
            <div key={k} className="detail">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-aria-components";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import type { Messages } from "../../shared/i18n/en";
import type { Place } from "../../shared/router";
import { LoadFailed } from "../App";
import { meQuery } from "../queries";
import { myRequestsQuery, type PatronRequest } from "../requests-queries";

type State = keyof Messages["req"]["states"];
const OPEN: readonly string[] = [
  "NEW",
  "AWAITING_APPROVAL",
  "PICK_FROM_SHELF",
  "IN_TRANSIT",
  "IN_DIGITIZATION",
  "DIGITIZED",
];

/** A request's state in the patron's words, and a class for its colour (the words carry the meaning). */
export function StateWords({ state }: { state: string }) {
  const { t } = useI18n();
  return <span className={`state state-${state.toLowerCase()}`}>{t.req.states[state as State] ?? state}</span>;
}

/** "12–19, xii–xv", or "the whole item" for a request that is not partial. */
export function pagesText(t: Messages, r: PatronRequest): string | null {
  const ranges = r.required_pages_range ?? [];
  if (ranges.length > 0)
    return ranges.map((p) => (p.from_page === p.to_page ? p.from_page : `${p.from_page}–${p.to_page}`)).join(", ");
  return r.partial_digitization ? null : t.req.wholeItem;
}

/** The dates and place a request shows in the list and on its page. */
export function RequestFacts({ r }: { r: PatronRequest }) {
  const { t, date } = useI18n();
  const pages = pagesText(t, r);
  const facts: [string, string | null][] = [
    [t.req.chapter, r.chapter_or_article_title ?? null],
    [t.req.volume, r.item_description ?? ([r.volume, r.issue].filter(Boolean).join(", ") || null)],
    [t.req.pagesLabel, pages],
    [t.req.placed, date(r.request_date)],
    [
      r.closed_at ? t.req.closed : t.req.due,
      r.closed_at ? date(r.closed_at) : OPEN.includes(r.request_status) ? date(r.due_date) : null,
    ],
    [t.req.workPlace, r.target_destination?.name ?? null],
  ];
  return (
    <dl className="details request-facts">
      {facts
        .filter((f): f is [string, string] => f[1] !== null && f[1] !== "")
        .map(([k, v]) => (
          <div key={k} className="detail">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

/** My requests: newest first, a page at a time; the cursors of the pages turned are in the address (?c=…). */
export function MyRequestsPage({ place }: { place: Place }) {
  const { t } = useI18n();
  const cursors = place.search.getAll("c");
  const me = useQuery(meQuery);
  const list = useQuery({ ...myRequestsQuery(me.data?.primary_id ?? "", cursors.at(-1) ?? null), enabled: !!me.data });
  const pageHref = (next: string[]) => {
    const p = new URLSearchParams();
    for (const c of next) p.append("c", c);
    return `${place.base}/requests${next.length ? `?${p}` : ""}`;
  };
  return (
    <Page title={t.myRequests}>
      <p className="lead">{t.req.listIntro}</p>
      {list.isPending && <p className="loading">{t.loading}</p>}
      {list.isError && <LoadFailed retry={() => void list.refetch()} />}
      {list.isSuccess && list.data.requests.length === 0 && cursors.length === 0 && (
        <div className="notice">
          <p>{t.req.none}</p>
          <p>
            <Link href={`${place.base}/`}>{t.req.searchToAsk}</Link>
          </p>
        </div>
      )}
      {list.isSuccess && list.data.requests.length > 0 && (
        <ul className="result-list request-list" aria-label={t.req.listLabel}>
          {list.data.requests.map((r) => (
            <li key={r.request_id} className="result request-card">
              <h2 className="result-title">
                <Link href={`${place.base}/requests/${r.request_id}`}>{r.title}</Link>
              </h2>
              <p className="request-state">
                <span className="muted">{t.req.status}: </span>
                <StateWords state={r.request_status} />
              </p>
              <RequestFacts r={r} />
            </li>
          ))}
        </ul>
      )}
      {list.isSuccess && (cursors.length > 0 || list.data.next_cursor) && (
        <nav className="pagination" aria-label={t.req.listLabel}>
          {cursors.length > 0 && <Link href={pageHref(cursors.slice(0, -1))}>← {t.previousPage}</Link>}
          {list.data.next_cursor && (
            <Link className="next" href={pageHref([...cursors, list.data.next_cursor])}>
              {t.req.morePages} →
            </Link>
          )}
        </nav>
      )}
    </Page>
  );
}

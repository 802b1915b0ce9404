import { useRef, type ReactNode, type RefObject } from "react";
import { SelectField } from "../../shared/components/SelectField";
import { LoadFailed } from "../../shared/components/Status";
import { useI18n } from "../../shared/i18n";
import { navigate, type Place } from "../../shared/router";
import "./jobs-table.css";

/*
 * What the printout queue and the outbox share: filters kept in the address (a filtered list can
 * be bookmarked, and the back button undoes a change), the sentence after an action, dates with
 * their time.
 */

/** Changes some of the address's query fields, in place of the current entry. */
export function setSearch(place: Place, changes: Record<string, string | null>): void {
  const p = new URLSearchParams(place.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  const query = p.toString();
  navigate(`${place.base}${place.path}${query ? `?${query}` : ""}`);
}

/** A filter of the list: a labelled select whose choice is the address's `name` field. */
export function FilterSelect(props: {
  place: Place;
  name: string;
  label: string;
  value: string;
  fallback: string;
  options: { id: string; label: string }[];
}) {
  return (
    <SelectField
      id={`filter-${props.name}`}
      label={props.label}
      value={props.value}
      onChange={(v) => setSearch(props.place, { [props.name]: v === props.fallback ? null : v })}
      options={props.options}
    />
  );
}

export interface Said {
  ok: boolean;
  text: string;
}

/**
 * The answer to the last action, in a live region that exists before it is filled (so it is
 * announced): polite when done, an alert when refused.
 */
export function Announcer({ said }: { said: Said | null }) {
  return (
    <>
      <div role="status" className="action-result">
        {said?.ok && <p className="notice notice-ok">{said.text}</p>}
      </div>
      <div role="alert" className="action-result">
        {said && !said.ok && <p className="notice notice-refused">{said.text}</p>}
      </div>
    </>
  );
}

/** The printouts and the outbox give their times as the request's page does. */
export { useDateTime } from "../date-time";

/**
 * After an action that takes its row out of the list, focus would fall to the page's start:
 * it goes to the list's heading instead, so a keyboard user goes on from where they were.
 */
export function useFocusAfterRemoval(): [RefObject<HTMLHeadingElement | null>, () => void] {
  const heading = useRef<HTMLHeadingElement>(null);
  const keep = () =>
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body) heading.current?.focus();
    });
  return [heading, keep];
}

/**
 * The list under its heading: loading, failed, empty, or a table whose rows keep their table
 * roles when a small screen shows them as cards (CSS display would otherwise drop them).
 */
export function QueueTable<T>(props: {
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  caption: string;
  headers: string[];
  list: { isPending: boolean; isError: boolean; refetch(): unknown };
  rows: T[] | undefined;
  empty: string;
  row(r: T): ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <h2 className="jobs-heading" tabIndex={-1} ref={props.headingRef}>
        {props.title}
      </h2>
      {props.list.isPending && <p className="loading">{t.loading}</p>}
      {props.list.isError && <LoadFailed retry={() => void props.list.refetch()} />}
      {props.rows?.length === 0 && <p>{props.empty}</p>}
      {props.rows && props.rows.length > 0 && (
        <table className="jobs-table" role="table">
          <caption className="visually-hidden">{props.caption}</caption>
          <thead role="rowgroup">
            <tr role="row">
              {props.headers.map((h) => (
                <th key={h} scope="col" role="columnheader">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">{props.rows.map(props.row)}</tbody>
        </table>
      )}
    </>
  );
}

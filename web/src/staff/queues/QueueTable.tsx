import { useQuery, useQueryClient } from "@tanstack/react-query";
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { Button, Link } from "react-aria-components";
import { api, ApiError, unwrap } from "../../shared/api/client";
import { useI18n } from "../../shared/i18n";
import { navigate, type Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { workspaceQuery } from "../workspace";
import type { QueueView } from "./address";
import type { QueueRequest } from "./queries";
import { queuesText } from "./text";

type Texts = (typeof queuesText)["en"];

/** "12–19, 30–31", or the whole item. */
function pagesOf(r: QueueRequest, q: Texts): string {
  const ranges = r.required_pages_range ?? [];
  if (ranges.length > 0)
    return ranges.map((p) => (p.from_page === p.to_page ? p.from_page : `${p.from_page}–${p.to_page}`)).join(", ");
  return r.partial_digitization ? "" : q.wholeItem;
}

interface Outcome {
  id: string;
  text: string;
  ok: boolean;
}

/**
 * The queue's requests as a plain table: one row per request, nothing fetched per row, so a
 * hundred rows render at once. A row can be selected when the server allows it an action the
 * selection offers (allowed_actions has "pick"); the results are announced in a live region.
 */
export function QueueTable(props: { place: Place; view: QueueView; rows: QueueRequest[] }) {
  const q = useTexts(queuesText);
  const { lang } = useI18n();
  // A table wants short dates ("30 Nov 2026"); the language's own order and month names.
  const date = useMemo(() => {
    const f = new Intl.DateTimeFormat(lang, { dateStyle: "medium" });
    return (iso: string) => f.format(new Date(iso));
  }, [lang]);
  const client = useQueryClient();
  const workspace = useQuery(workspaceQuery);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState("");
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [slipsLink, setSlipsLink] = useState(false);
  const selectable = (r: QueueRequest) => r.allowed_actions.includes("pick");
  const anySelectable = props.rows.some(selectable);
  const mayPrint = workspace.data?.screens.printouts === true;
  const chosen = props.rows.filter((r) => selected.has(r.request_id));
  const shown = useInSlices(props.rows);
  // Stable, so a tick re-renders the one row it changes (QueueRow is memoised).
  const toggle = useCallback(
    (id: string, on: boolean) =>
      setSelected((old) => {
        const next = new Set(old);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const refresh = async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: ["queue-counts"] }),
      client.invalidateQueries({ queryKey: ["queue-page"] }),
    ]);
  };

  const markPicked = async () => {
    setBusy(true);
    setSummary(q.working);
    setOutcomes([]);
    setSlipsLink(false);
    const done: Outcome[] = [];
    // One at a time: each answer is reported for its own row, and nothing races the guarded update.
    for (const r of chosen) {
      try {
        const after = await unwrap(
          api.POST("/api/v1/requests/{id}/pick", { params: { path: { id: r.request_id } }, body: {} }),
        );
        done.push({ id: r.request_id, ok: true, text: q.picked(r.title, q.states[after.request_status] ?? "") });
      } catch (err) {
        const why = err instanceof ApiError ? err.message : String(err);
        done.push({ id: r.request_id, ok: false, text: q.notPicked(r.title, why) });
      }
    }
    const ok = done.filter((o) => o.ok).length;
    setOutcomes(done);
    setSummary(q.pickSummary(ok, done.length - ok));
    setSelected(new Set());
    setBusy(false);
    await refresh();
  };

  const printSlips = async () => {
    setBusy(true);
    setSummary(q.working);
    setOutcomes([]);
    try {
      const res = await unwrap(
        api.POST("/api/v1/printouts/slips", { body: { request_ids: chosen.map((r) => r.request_id) } }),
      );
      setSummary(q.slipsQueued(res.slips.length));
      setSlipsLink(true);
    } catch (err) {
      setSummary(q.slipsFailed(err instanceof ApiError ? err.message : String(err)));
      setSlipsLink(false);
    }
    setBusy(false);
  };

  return (
    <>
      {anySelectable && (
        <div className="queue-actions" role="group" aria-label={q.actionsLabel}>
          <span className="queue-selected">{q.selected(chosen.length)}</span>
          <Button
            className="button queue-pick"
            isDisabled={busy || chosen.length === 0}
            onPress={() => void markPicked()}
          >
            {q.markPicked}
          </Button>
          {mayPrint && (
            <Button
              className="button secondary"
              isDisabled={busy || chosen.length === 0}
              onPress={() => void printSlips()}
            >
              {q.printSlips}
            </Button>
          )}
        </div>
      )}
      <div className="queue-result" role="status" aria-live="polite">
        {summary && <p className="queue-summary">{summary}</p>}
        {outcomes.length > 0 && (
          <ul className="queue-outcomes">
            {outcomes.map((o) => (
              <li key={o.id} className={o.ok ? "outcome-ok" : "outcome-failed"}>
                <span aria-hidden="true">{o.ok ? "✓ " : "✗ "}</span>
                {o.text}
              </li>
            ))}
          </ul>
        )}
        {slipsLink && (
          <p>
            <Link href={staffPath(props.place, "/printouts")}>{q.toPrintouts}</Link>
          </p>
        )}
      </div>
      <table className="queue-table">
        <caption className="visually-hidden">{q.tableCaption(q.queues[props.view.queue] ?? "")}</caption>
        <thead>
          <tr>
            {anySelectable && (
              <th scope="col" className="queue-select">
                {q.select}
              </th>
            )}
            <th scope="col">{q.title}</th>
            <th scope="col">{q.patronCol}</th>
            <th scope="col">{q.pages}</th>
            <th scope="col">{q.place}</th>
            <th scope="col">{q.created}</th>
            <th scope="col">{q.due}</th>
            <th scope="col">{q.state}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <QueueRow
              key={r.request_id}
              r={r}
              href={staffPath(props.place, `/requests/${r.request_id}`)}
              column={anySelectable}
              selectable={selectable(r)}
              checked={selected.has(r.request_id)}
              toggle={toggle}
              date={date}
              q={q}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

// About a screenful: each slice renders in its own task, well under the 50 ms of a long task.
const SLICE = 25;

/**
 * The rows to draw now: the first slice at once, then one more slice per task until all are
 * there, so a hundred rows never hold the main thread in one long task (input and scrolling get
 * their turn between slices). A new list starts again from its first slice.
 */
function useInSlices<T>(rows: T[]): T[] {
  const [state, setState] = useState({ rows, count: SLICE });
  const current = state.rows === rows ? state : { rows, count: SLICE };
  if (current !== state) setState(current);
  useEffect(() => {
    if (current.count >= rows.length) return;
    const next = setTimeout(() => setState((s) => (s.rows === rows ? { rows, count: s.count + SLICE } : s)));
    return () => clearTimeout(next);
  }, [current.count, rows]);
  return current.count >= rows.length ? rows : rows.slice(0, current.count);
}

/**
 * A row's link to its request: a plain anchor that the app's router follows. React Aria's Link
 * costs a handful of hooks each, a hundred times over in the render that shows the rows; a
 * modified click (new tab, new window) is left to the browser, as the Link does.
 */
function RowLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/**
 * One request's row. Memoised on its own facts: ticking one row of a hundred re-renders that row
 * only, not a hundred links and checkboxes (bench/queue-render.ts measures it).
 */
const QueueRow = memo(function QueueRow({
  r,
  href,
  column,
  selectable,
  checked,
  toggle,
  date,
  q,
}: {
  r: QueueRequest;
  href: string;
  /** the table has the selection column */
  column: boolean;
  selectable: boolean;
  checked: boolean;
  toggle(id: string, on: boolean): void;
  date(iso: string): string;
  q: Texts;
}) {
  return (
    <tr className={checked ? "selected" : undefined}>
      {column && (
        <td className="queue-select" data-label={q.select}>
          {selectable && (
            <input
              type="checkbox"
              className="queue-check"
              checked={checked}
              aria-label={q.selectRow(r.title)}
              onChange={(e) => toggle(r.request_id, e.target.checked)}
            />
          )}
        </td>
      )}
      <td data-label={q.title} className="queue-title">
        <RowLink href={href}>{r.title}</RowLink>
        {r.item_description && <span className="queue-sub">{r.item_description}</span>}
      </td>
      <td data-label={q.patronCol} className="nowrap">
        {r.user_id}
      </td>
      <td data-label={q.pages}>{pagesOf(r, q)}</td>
      <td data-label={q.place}>{r.target_destination?.name ?? q.noPlace}</td>
      <td data-label={q.created} className="nowrap">
        {date(r.request_date)}
      </td>
      <td data-label={q.due} className="nowrap">
        {date(r.due_date)}
      </td>
      <td data-label={q.state}>{q.states[r.request_status] ?? r.request_status}</td>
    </tr>
  );
});

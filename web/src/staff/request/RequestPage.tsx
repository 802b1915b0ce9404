import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-aria-components";
import { ApiError } from "../../shared/api/client";
import { Page } from "../../shared/components/Page";
import { LoadFailed } from "../../shared/components/Status";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { ActionsSection } from "./ActionsSection";
import { FilesSection } from "./FilesSection";
import { bibQuery, patronQuery, staffRequestQuery, type StaffRequest } from "./queries";
import { ExplainSection, HistorySection, LettersSection } from "./RecordSections";
import { TasksSection } from "./TasksSection";
import { requestText, stateText } from "./text";
import "./request.css";

/** A request as staff work on it: what it is, what to do next, and everything that happened to it. */
export function RequestPage({ place, id }: { place: Place; id: string }) {
  const s = useTexts(requestText);
  const states = useTexts(stateText);
  const { t } = useI18n();
  const q = useQuery(staffRequestQuery(id));
  if (q.isPending) return <p className="loading">{t.loading}</p>;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404)
      return (
        <Page title={s.title(id)}>
          <p>{s.notFound}</p>
          <p>
            <Link href={staffPath(place, "/")}>{s.backToQueues}</Link>
          </p>
        </Page>
      );
    return <LoadFailed retry={() => void q.refetch()} />;
  }
  const r = q.data;
  const showFiles = r.files.length > 0 || r.allowed_actions.some((a) => ["attach_file", "deliver"].includes(a));
  return (
    <Page title={s.title(r.request_id)}>
      <p className="request-title">{r.title}</p>
      <p className="request-state-line">
        <span className="muted">{s.state}: </span>
        <span className={`state-badge state-${r.request_status.toLowerCase()}`}>
          {states[r.request_status] ?? r.request_status}
        </span>{" "}
        <code>{r.request_status}</code>
      </p>
      <div className="request-layout">
        <div className="request-work">
          <ActionsSection r={r} />
          {(r.tasks.length > 0 || r.workflow.approval_required || r.workflow.copyright_clearance_required) && (
            <TasksSection r={r} />
          )}
          {showFiles && <FilesSection r={r} />}
        </div>
        <div className="request-facts-column">
          <PatronFacts id={r.request_id} />
          <ItemFacts r={r} />
          <FormFacts r={r} />
        </div>
      </div>
      <ExplainSection id={r.request_id} place={place} />
      <HistorySection id={r.request_id} />
      <LettersSection id={r.request_id} />
      <p>
        <Link href={staffPath(place, "/")}>← {s.backToQueues}</Link>
      </p>
    </Page>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k} className="detail">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function PatronFacts({ id }: { id: string }) {
  const s = useTexts(requestText);
  const { t } = useI18n();
  const q = useQuery(patronQuery(id));
  return (
    <section aria-labelledby="patron-heading" className="staff-section">
      <h2 id="patron-heading">{s.patronHeading}</h2>
      {q.isPending && <p className="muted">{t.loading}</p>}
      {q.isError && <LoadFailed retry={() => void q.refetch()} />}
      {q.data && (
        <Facts
          rows={[
            [s.name, `${q.data.first_name} ${q.data.last_name}`.trim()],
            [s.primaryId, q.data.primary_id],
            [s.group, q.data.user_group_name ?? q.data.user_group ?? s.none],
            [s.email, q.data.email ? <a href={`mailto:${q.data.email}`}>{q.data.email}</a> : s.none],
            [s.card, q.data.barcode ?? s.none],
          ]}
        />
      )}
    </section>
  );
}

function ItemFacts({ r }: { r: StaffRequest }) {
  const s = useTexts(requestText);
  const { date } = useI18n();
  const bib = useQuery({ ...bibQuery(r.mms_id), enabled: r.item_id !== null });
  const item = bib.data?.holdings.flatMap((h) => h.items).find((i) => String(i.id) === r.item_id);
  const rows: [string, ReactNode][] = [[s.titleLabel, r.title]];
  if (r.item_id === null) rows.push([s.item, s.noItem]);
  else {
    rows.push([s.barcode, r.barcode ? <code>{r.barcode}</code> : s.none]);
    if (r.item_description) rows.push([s.description, r.item_description]);
    if (item) rows.push([s.location, `${item.library.name} – ${item.location.name}`]);
  }
  rows.push([s.library, r.library]);
  rows.push([
    s.place,
    r.target_destination ? `${r.target_destination.name} (${r.target_destination.code})` : s.noPlace,
  ]);
  rows.push([s.source, s.sources[r.request_source] ?? r.request_source]);
  if (r.course) rows.push([s.course, [r.course.code, r.course.name].filter(Boolean).join(" – ")]);
  rows.push([s.placedOn, date(r.request_date)]);
  rows.push([r.closed_at ? s.closed : s.due, date(r.closed_at ?? r.due_date)]);
  return (
    <section aria-labelledby="item-heading" className="staff-section">
      <h2 id="item-heading">{s.titleHeading}</h2>
      <Facts rows={rows} />
    </section>
  );
}

const FORM_TEXT_FIELDS = [
  "chapter_or_article_title",
  "chapter_or_article_author",
  "volume",
  "issue",
  "part",
  "date_of_publication",
  "doi",
  "pmid",
  "last_interest_date",
  "comment",
] as const;

function FormFacts({ r }: { r: StaffRequest }) {
  const s = useTexts(requestText);
  const rows: [string, ReactNode][] = [];
  const ranges = r.required_pages_range ?? [];
  if (!r.partial_digitization) rows.push([s.pages, s.wholeItem]);
  else if (ranges.length)
    rows.push([
      s.pages,
      ranges.map((x) => (x.from_page === x.to_page ? x.from_page : `${x.from_page}–${x.to_page}`)).join(", "),
    ]);
  if (r.full_chapter) rows.push([s.fullChapter, s.yes]);
  for (const code of FORM_TEXT_FIELDS) {
    const v = r[code];
    if (v) rows.push([s.formLabels[code] ?? code, v]);
  }
  if (r.copyrights_declaration_signed_by_patron !== undefined)
    rows.push([s.declaration, r.copyrights_declaration_signed_by_patron ? s.declared : s.notDeclared]);
  for (const box of r.custom_checkboxes ?? []) rows.push([box.label, box.checked ? s.yes : s.no]);
  return (
    <section aria-labelledby="form-heading" className="staff-section">
      <h2 id="form-heading">{s.formHeading}</h2>
      <Facts rows={rows} />
    </section>
  );
}

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "react-aria-components";
import type { FieldProblem } from "../../shared/api/client";
import { ErrorSummary } from "../../shared/components/ErrorSummary";
import { SelectField } from "../../shared/components/SelectField";
import { useTexts } from "../../shared/texts";
import { hasFilters, PAGE_SIZES, SORTS, type Filters, type QueueView } from "./address";
import { librariesQuery } from "./queries";
import { queuesText } from "./text";

/** The server's field names, and the field of this form each one is about. */
const FIELD_OF: Record<string, string> = {
  library: "queue-library",
  from: "queue-from",
  to: "queue-to",
  user_id: "queue-patron",
  course: "queue-course",
};

/** Library, dates, patron, course, order and page size; applied together, into the address. */
export function QueueFilters(props: {
  view: QueueView;
  problems: FieldProblem[];
  apply(filters: Filters): void;
  clear(): void;
}) {
  const q = useTexts(queuesText);
  const libraries = useQuery(librariesQuery);
  const [f, setF] = useState<Filters>({
    library: props.view.library,
    from: props.view.from,
    to: props.view.to,
    patron: props.view.patron,
    course: props.view.course,
    sort: props.view.sort,
    per: props.view.per,
  });
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setF((old) => ({ ...old, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.apply(f);
  };
  const problemOf = (id: string) =>
    props.problems.find((p) => FIELD_OF[p.field.split(".")[0]!] === id)?.message ?? undefined;
  const labelOf: Record<string, string> = {
    "queue-library": q.library,
    "queue-from": q.from,
    "queue-to": q.to,
    "queue-patron": q.patron,
    "queue-course": q.course,
  };
  const summary = props.problems.map((p) => {
    const field = FIELD_OF[p.field.split(".")[0]!];
    return field ? { field, message: `${labelOf[field]}: ${p.message}` } : { message: p.message };
  });
  const text = (id: string, key: "from" | "to" | "patron" | "course", label: string, type: "text" | "date") => {
    const error = problemOf(id);
    return (
      <div className="field queue-field">
        <label className="label" htmlFor={id}>
          {label}
        </label>
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <input
          id={id}
          name={id}
          className="input"
          type={type}
          value={f[key]}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(key, e.target.value)}
        />
      </div>
    );
  };
  // Open where there is room, or when something is filtered; on a phone the queue comes first.
  const [open] = useState(
    () => props.problems.length > 0 || hasFilters(props.view) || window.matchMedia("(min-width: 45em)").matches,
  );
  return (
    <details className="queue-filters" open={open}>
      <summary className="queue-filters-summary">{q.filtersTitle}</summary>
      <form onSubmit={submit} aria-label={q.filtersTitle}>
        <ErrorSummary problems={summary} />
        <div className="queue-filter-row">
          <SelectField
            id="queue-library"
            label={q.library}
            value={f.library}
            onChange={(v) => set("library", v)}
            options={[
              { id: "", label: q.anyLibrary },
              ...(libraries.data?.libraries ?? []).map((l) => ({ id: l.code, label: l.name })),
            ]}
          />
          {text("queue-from", "from", q.from, "date")}
          {text("queue-to", "to", q.to, "date")}
          {text("queue-patron", "patron", q.patron, "text")}
          {text("queue-course", "course", q.course, "text")}
          <SelectField
            id="queue-sort"
            label={q.sort}
            value={f.sort}
            onChange={(v) => set("sort", v as Filters["sort"])}
            options={SORTS.map((id) => ({ id, label: q.sorts[id]! }))}
          />
          <SelectField
            id="queue-per"
            label={q.perPage}
            value={String(f.per)}
            onChange={(v) => set("per", Number(v))}
            options={PAGE_SIZES.map((n) => ({ id: String(n), label: String(n) }))}
          />
          <div className="queue-filter-buttons">
            <Button type="submit" className="button">
              {q.apply}
            </Button>
            <Button className="button secondary" onPress={props.clear}>
              {q.clear}
            </Button>
          </div>
        </div>
      </form>
    </details>
  );
}

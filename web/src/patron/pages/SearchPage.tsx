import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button, Form, Label, Link, Radio, RadioGroup } from "react-aria-components";
import { ApiError } from "../../shared/api/client";
import { ErrorSummary, type Problem } from "../../shared/components/ErrorSummary";
import { Field } from "../../shared/components/Field";
import { Page } from "../../shared/components/Page";
import { SelectField } from "../../shared/components/SelectField";
import { useI18n } from "../../shared/i18n";
import type { Messages } from "../../shared/i18n/en";
import { navigate, type Place } from "../../shared/router";
import { LoadFailed } from "../App";
import { CitationKept } from "./OpenUrlPage";
import {
  librariesQuery,
  optionsQuery,
  SEARCH_FIELDS,
  searchQuery,
  type SearchField,
  type SearchParams,
} from "../queries";

type MaterialType = keyof Messages["materialTypes"];

/** The search as the address has it: ?q=&in=&library=&type=&c=…&c=… (one c per page turned). */
function fromAddress(search: URLSearchParams) {
  const field = search.get("in") ?? "any";
  return {
    q: search.get("q") ?? "",
    field: ((SEARCH_FIELDS as readonly string[]).includes(field) ? field : "any") as SearchField,
    library: search.get("library") ?? "",
    type: search.get("type") ?? "",
    cursors: search.getAll("c"),
  };
}

function toAddress(base: string, s: ReturnType<typeof fromAddress>): string {
  const p = new URLSearchParams();
  p.set("q", s.q);
  if (s.field !== "any") p.set("in", s.field);
  if (s.library) p.set("library", s.library);
  if (s.type) p.set("type", s.type);
  for (const c of s.cursors) p.append("c", c);
  return `${base}/?${p}`;
}

/** The last search's address, for a title page's way back to its results. */
export let lastSearch: string | null = null;

export function SearchPage({ place }: { place: Place }) {
  const { t } = useI18n();
  const current = fromAddress(place.search);
  const key = place.search.toString();
  lastSearch = key ? `${place.base}/?${key}` : null;
  return (
    <Page title={t.searchTitle}>
      <p className="lead">{t.searchIntro}</p>
      {place.search.get("openurl") !== null && <CitationKept raw={place.search.get("openurl")!} />}
      <SearchForm key={key} place={place} initial={current} />
      {current.q.trim() !== "" && (
        <Results
          place={place}
          current={current}
          params={{
            q: current.q.trim(),
            field: current.field,
            library: current.library,
            type: current.type,
            cursor: current.cursors.at(-1) ?? null,
          }}
        />
      )}
    </Page>
  );
}

function SearchForm({ place, initial }: { place: Place; initial: ReturnType<typeof fromAddress> }) {
  const { t } = useI18n();
  const libraries = useQuery(librariesQuery);
  const [q, setQ] = useState(initial.q);
  const [field, setField] = useState<SearchField>(initial.field);
  const [library, setLibrary] = useState(initial.library);
  const [type, setType] = useState(initial.type);
  const [error, setError] = useState<string | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const words = q.trim();
    const problem = words === "" ? t.queryMissing : words.length > 500 ? t.queryTooLong : undefined;
    setError(problem);
    if (problem) return;
    navigate(toAddress(place.base, { q: words, field, library, type, cursors: [] }));
  };

  const fieldLabels: Record<SearchField, string> = {
    any: t.fieldAny,
    title: t.fieldTitle,
    author: t.fieldAuthor,
    isbn: t.fieldIsbn,
    issn: t.fieldIssn,
  };
  const problems: Problem[] = error ? [{ field: "q", message: error }] : [];
  return (
    <>
      <ErrorSummary problems={problems} />
      <Form className="form search-form" role="search" onSubmit={submit} validationBehavior="aria">
        <Field
          id="q"
          label={t.searchFor}
          hint={t.searchForHint}
          value={q}
          onChange={setQ}
          error={error}
          type="search"
          name="q"
        />
        <RadioGroup
          className="field radios"
          value={field}
          onChange={(v) => setField(v as SearchField)}
          orientation="horizontal"
        >
          <Label className="label">{t.searchIn}</Label>
          <div className="radio-row">
            {SEARCH_FIELDS.map((f) => (
              <Radio key={f} value={f} className="radio">
                {fieldLabels[f]}
              </Radio>
            ))}
          </div>
        </RadioGroup>
        <div className="filters">
          <SelectField
            id="library"
            label={t.library}
            value={library || "*"}
            onChange={(v) => setLibrary(v === "*" ? "" : v)}
            options={[
              { id: "*", label: t.anyLibrary },
              ...(libraries.data?.libraries ?? []).map((l) => ({ id: l.code, label: l.name })),
            ]}
          />
          <SelectField
            id="type"
            label={t.materialType}
            value={type || "*"}
            onChange={(v) => setType(v === "*" ? "" : v)}
            options={[
              { id: "*", label: t.anyMaterialType },
              ...(Object.keys(t.materialTypes) as MaterialType[]).map((m) => ({ id: m, label: t.materialTypes[m] })),
            ]}
          />
        </div>
        <Button type="submit" className="button">
          {t.searchButton}
        </Button>
      </Form>
    </>
  );
}

function Results(props: { place: Place; current: ReturnType<typeof fromAddress>; params: SearchParams }) {
  const { t } = useI18n();
  const results = useQuery(searchQuery(props.params));
  const page = props.current.cursors.length + 1;
  if (results.isPending) return <p className="loading">{t.loading}</p>;
  if (results.isError) {
    const e = results.error;
    if (e instanceof ApiError && e.status === 400)
      return <ErrorSummary problems={[{ field: "q", message: e.fields[0]?.message ?? e.message }]} />;
    return <LoadFailed retry={() => void results.refetch()} />;
  }
  const { bibs, next_cursor } = results.data;
  const prev = props.current.cursors.slice(0, -1);
  return (
    <section aria-labelledby="results-heading" className="results">
      <h2 id="results-heading">
        {t.resultsHeading}
        {page > 1 && <span className="results-page"> · {t.resultsPage(page)}</span>}
      </h2>
      {bibs.length === 0 ? (
        <div className="notice" role="status">
          <p>{t.noResults(props.params.q)}</p>
          <p>{t.noResultsHint}</p>
        </div>
      ) : (
        <ol className="result-list" start={(page - 1) * 10 + 1}>
          {bibs.map((b) => (
            <li key={b.mms_id} className="result">
              <h3 className="result-title">
                <Link href={`${props.place.base}/titles/${b.mms_id}`}>{b.title}</Link>
              </h3>
              <p className="result-meta">
                {[
                  b.author ? t.byAuthor(b.author) : null,
                  b.publication_year !== null ? String(b.publication_year) : b.publication_date,
                  t.materialTypes[b.material_type as MaterialType] ?? b.material_type,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <DigitizationLine mmsId={b.mms_id} />
            </li>
          ))}
        </ol>
      )}
      {(page > 1 || next_cursor) && (
        <nav className="pagination" aria-label={t.pagination}>
          {page > 1 && (
            <Link className="page-link" href={toAddress(props.place.base, { ...props.current, cursors: prev })}>
              ← {t.previousPage}
            </Link>
          )}
          {next_cursor && (
            <Link
              className="page-link next"
              href={toAddress(props.place.base, {
                ...props.current,
                cursors: [...props.current.cursors, next_cursor],
              })}
            >
              {t.nextPage} →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

/** Whether this patron may ask for a copy of a result: the services the API offers on it. */
function DigitizationLine({ mmsId }: { mmsId: string }) {
  const { t } = useI18n();
  const options = useQuery(optionsQuery(mmsId));
  if (options.isPending) return <p className="result-service muted">{t.digitizationChecking}</p>;
  const offered = options.isSuccess && options.data.request_option.length > 0;
  return (
    <p className={`result-service ${offered ? "offered" : "not-offered"}`}>
      <span aria-hidden="true" className="mark">
        {offered ? "✓" : "–"}
      </span>{" "}
      {offered ? t.digitizationOffered : t.digitizationNotOffered}
    </p>
  );
}

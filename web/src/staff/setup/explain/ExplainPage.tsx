import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { api, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import { Page } from "../../../shared/components/Page";
import { SelectField } from "../../../shared/components/SelectField";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { navigate, type Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { Explanation } from "./Explanation";
import { explainText } from "./text";
import "./explain.css";

/**
 * Explain (DOMAIN 10): a patron and a title (or one of its items), and each service's decision
 * step by step. The choice lives in the address (?user=&mms=&item=), so an explanation can be
 * shared and the back button undoes a choice.
 */
export function ExplainPage({ place }: { place: Place }) {
  const x = useTexts(explainText);
  const user = place.search.get("user");
  const mms = place.search.get("mms");
  const item = place.search.get("item");
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(place.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    navigate(`${place.base}${place.path}${next.size ? `?${next}` : ""}`);
  };
  return (
    <Page title={x.title}>
      <p className="lead">{x.intro}</p>
      <div className="explain-choices">
        {user ? (
          <Chosen label={x.patron} value={user} change={() => go({ user: null })} />
        ) : (
          <PatronSearch choose={(id) => go({ user: id })} />
        )}
        {mms ? (
          <TitleChosen
            mms={mms}
            item={item}
            change={() => go({ mms: null, item: null })}
            chooseItem={(i) => go({ item: i })}
          />
        ) : (
          <TitleSearch choose={(id) => go({ mms: id, item: null })} />
        )}
      </div>
      {user && mms && <Explanation place={place} user={user} mms={mms} item={item} />}
    </Page>
  );
}

function Chosen(props: { label: string; value: string; change(): void }) {
  const x = useTexts(explainText);
  return (
    <section className="explain-chosen" aria-label={props.label}>
      <p>
        <span className="strong">{props.label}:</span> {props.value}{" "}
        <Button className="link-button" onPress={props.change} aria-label={`${x.change}: ${props.label}`}>
          {x.change}
        </Button>
      </p>
    </section>
  );
}

function Search<T>(props: {
  id: string;
  /** the section's heading: what is being chosen */
  label: string;
  /** the search box's own label: what to type, so the heading's word is not said twice */
  searchLabel: string;
  button: string;
  find(q: string): Promise<T[]>;
  describe(r: T): { key: string; text: string };
  choose(key: string): void;
}) {
  const x = useTexts(explainText);
  const [q, setQ] = useState("");
  const [asked, setAsked] = useState("");
  const results = useQuery({
    queryKey: ["explain-search", props.id, asked],
    queryFn: () => props.find(asked),
    enabled: asked !== "",
  });
  return (
    <section className="explain-search" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.label}</h2>
      <Form
        role="search"
        aria-labelledby={`${props.id}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(q.trim());
        }}
      >
        <Field id={props.id} label={props.searchLabel} value={q} onChange={setQ} type="search" />
        <Button type="submit" className="button secondary">
          {props.button}
        </Button>
      </Form>
      {results.isError && <LoadFailed retry={() => void results.refetch()} />}
      {results.data && results.data.length === 0 && <p role="status">{x.noneFound}</p>}
      {results.data && results.data.length > 0 && (
        <ul className="explain-results">
          {results.data.map((r) => {
            const d = props.describe(r);
            return (
              <li key={d.key}>
                <span>{d.text}</span>{" "}
                <Button
                  className="button secondary"
                  onPress={() => props.choose(d.key)}
                  aria-label={`${x.choose}: ${d.text}`}
                >
                  {x.choose}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function PatronSearch({ choose }: { choose(primaryId: string): void }) {
  const x = useTexts(explainText);
  return (
    <Search
      id="explain-patron"
      label={x.patron}
      searchLabel={x.patronSearch}
      button={x.findPatron}
      find={async (q) => (await unwrap(api.GET("/api/v1/users", { params: { query: { q, limit: 20 } } }))).users}
      describe={(u) => ({
        key: u.primary_id,
        text: `${[u.first_name, u.last_name].filter(Boolean).join(" ")} (${u.primary_id}${u.user_group ? `, ${u.user_group}` : ""})`,
      })}
      choose={choose}
    />
  );
}

function TitleSearch({ choose }: { choose(mmsId: string): void }) {
  const x = useTexts(explainText);
  return (
    <Search
      id="explain-title"
      label={x.title_}
      searchLabel={x.titleSearch}
      button={x.findTitle}
      find={async (q) => (await unwrap(api.GET("/api/v1/bibs", { params: { query: { q, limit: 20 } } }))).bibs}
      describe={(b) => ({ key: b.mms_id, text: b.title })}
      choose={choose}
    />
  );
}

function TitleChosen(props: { mms: string; item: string | null; change(): void; chooseItem(id: string | null): void }) {
  const x = useTexts(explainText);
  const { t } = useI18n();
  const bib = useQuery({
    queryKey: ["bib", props.mms],
    queryFn: () => unwrap(api.GET("/api/v1/bibs/{mms_id}", { params: { path: { mms_id: props.mms } } })),
  });
  if (bib.isPending) return <p className="loading">{t.loading}</p>;
  if (bib.isError) return <LoadFailed retry={() => void bib.refetch()} />;
  const items = bib.data.holdings.flatMap((h) => h.items);
  return (
    <>
      <Chosen label={x.title_} value={bib.data.title} change={props.change} />
      {items.length > 0 && (
        <SelectField
          id="explain-item"
          label={x.item}
          value={props.item ?? ""}
          onChange={(v) => props.chooseItem(v || null)}
          options={[
            { id: "", label: x.anyItem },
            ...items.map((i) => ({
              id: String(i.id),
              label: [i.barcode, i.description, `${i.library.name} – ${i.location.name}`].filter(Boolean).join(", "),
            })),
          ]}
        />
      )}
    </>
  );
}

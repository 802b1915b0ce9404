import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, Link } from "react-aria-components";
import { api, unwrap } from "../../shared/api/client";
import type { paths } from "../../shared/api/schema";
import { Page } from "../../shared/components/Page";
import { LoadFailed } from "../../shared/components/Status";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { StaffRequestForm } from "./StaffRequestForm";
import { placeText } from "./text";
import "./place.css";

type User = paths["/api/v1/users"]["get"]["responses"][200]["content"]["application/json"]["users"][number];
type Bib = paths["/api/v1/bibs"]["get"]["responses"][200]["content"]["application/json"]["bibs"][number];

/** Placing for a patron: find them, find the title, then the patron's own form with the staff's extras. */
export function PlaceForPatronPage({ place }: { place: Place }) {
  const s = useTexts(placeText);
  const [patron, setPatron] = useState<User | null>(null);
  const [title, setTitle] = useState<Bib | null>(null);
  const [placed, setPlaced] = useState<string | null>(null);
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (placed) done.current?.focus();
  }, [placed]);
  const name = (u: User) => `${u.first_name} ${u.last_name}`.trim();

  if (placed)
    return (
      <Page title={s.title}>
        <div className="notice placed-notice" role="status" tabIndex={-1} ref={done}>
          <p className="strong">{s.placed(placed)}</p>
          <p>
            <Link href={staffPath(place, `/requests/${placed}`)}>{s.openIt}</Link>
          </p>
        </div>
        <Button
          className="button secondary"
          onPress={() => {
            setPlaced(null);
            setTitle(null);
          }}
        >
          {s.another}
        </Button>
      </Page>
    );

  return (
    <Page title={s.title}>
      <p className="lead">{s.intro}</p>
      <section aria-labelledby="patron-step" className="place-step">
        <h2 id="patron-step">{s.patronStep}</h2>
        {patron ? (
          <Chosen text={s.chosenPatron(name(patron), patron.primary_id)} onChange={() => setPatron(null)} />
        ) : (
          <Finder<User>
            id="patron-q"
            label={s.patronSearch}
            search={async (q) =>
              (await unwrap(api.GET("/api/v1/users", { params: { query: { q, limit: 10 } } }))).users
            }
            empty={s.noPatron}
            keyOf={(u) => String(u.id)}
            nameOf={name}
            describe={(u) =>
              [u.primary_id, u.user_group_name ?? u.user_group, u.barcode ? s.card(u.barcode) : null, u.email]
                .filter(Boolean)
                .join(" · ")
            }
            onChoose={setPatron}
          />
        )}
      </section>
      {patron && (
        <section aria-labelledby="title-step" className="place-step">
          <h2 id="title-step">{s.titleStep}</h2>
          {title ? (
            <Chosen text={s.chosenTitle(title.title)} onChange={() => setTitle(null)} />
          ) : (
            <Finder<Bib>
              id="title-q"
              label={s.titleSearch}
              search={async (q) =>
                (await unwrap(api.GET("/api/v1/bibs", { params: { query: { q, limit: 10 } } }))).bibs
              }
              empty={s.noTitle}
              keyOf={(b) => b.mms_id}
              nameOf={(b) => b.title}
              describe={(b) => [b.author, b.publication_date].filter(Boolean).join(" · ")}
              onChoose={setTitle}
            />
          )}
        </section>
      )}
      {patron && title && (
        <section aria-labelledby="form-step" className="place-step">
          <h2 id="form-step">{s.formStep}</h2>
          <StaffRequestForm
            key={`${patron.id}-${title.mms_id}`}
            place={place}
            patron={{ id: patron.primary_id, name: name(patron) }}
            mmsId={title.mms_id}
            onPlaced={setPlaced}
          />
        </section>
      )}
    </Page>
  );
}

function Chosen({ text, onChange }: { text: string; onChange(): void }) {
  const s = useTexts(placeText);
  return (
    <p className="chosen">
      <span className="strong">{text}</span>{" "}
      <Button className="link-button" onPress={onChange}>
        {s.change}
      </Button>
    </p>
  );
}

/** A search box and its answers, each with its Choose button; the count is announced. */
function Finder<T>(props: {
  id: string;
  label: string;
  search(q: string): Promise<T[]>;
  empty: string;
  keyOf(x: T): string;
  nameOf(x: T): string;
  describe(x: T): string;
  onChoose(x: T): void;
}) {
  const s = useTexts(placeText);
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ["place-finder", props.id, asked],
    queryFn: () => props.search(asked!),
    enabled: asked !== null,
    retry: false,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) setAsked(q.trim());
  };
  return (
    <>
      <form className="finder" role="search" aria-label={props.label} onSubmit={submit}>
        <div className="field">
          <label className="label" htmlFor={props.id}>
            {props.label}
          </label>
          <div className="finder-row">
            <input
              id={props.id}
              className="input"
              type="search"
              value={q}
              spellCheck={false}
              onChange={(e) => setQ(e.target.value)}
            />
            <button type="submit" className="button">
              {s.find}
            </button>
          </div>
        </div>
      </form>
      <div role="status" className="finder-status">
        {asked !== null && found.isFetching && <p className="muted">{s.searching}</p>}
        {found.data && <p className="muted">{found.data.length ? s.found(found.data.length) : props.empty}</p>}
      </div>
      {found.isError && <LoadFailed retry={() => void found.refetch()} />}
      {found.data && found.data.length > 0 && (
        <ul className="finder-results">
          {found.data.map((x) => (
            <li key={props.keyOf(x)}>
              <div>
                <span className="strong">{props.nameOf(x)}</span>
                <br />
                <span className="muted">{props.describe(x)}</span>
              </div>
              <Button
                className="button secondary"
                aria-label={s.chooseNamed(props.nameOf(x))}
                onPress={() => props.onChoose(x)}
              >
                {s.choose}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {found.isPending && asked !== null && !found.isFetching && <p className="muted">{t.loading}</p>}
    </>
  );
}

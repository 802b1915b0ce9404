import { queryOptions, useQuery } from "@tanstack/react-query";
import { Button, Link } from "react-aria-components";
import { api, unwrap } from "../../shared/api/client";
import { Page } from "../../shared/components/Page";
import { LoadFailed } from "../../shared/components/Status";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { readinessText, type ProblemWords } from "./text";
import "./readiness.css";

/**
 * The readiness check (DOMAIN 10): is the institution ready to take requests, and if not, what
 * to fix and where. The server decides every check; this page words its answer.
 */
const readinessQuery = queryOptions({
  queryKey: ["readiness"],
  queryFn: () => unwrap(api.GET("/api/v1/readiness")),
  retry: false,
});

type Readiness = Awaited<ReturnType<NonNullable<typeof readinessQuery.queryFn>>>;
type Check = Readiness["checks"][number];
type Problem = Check["problems"][number];

export function ReadinessPage({ place }: { place: Place }) {
  const r = useTexts(readinessText);
  const { t } = useI18n();
  const query = useQuery(readinessQuery);
  return (
    <Page title={r.title}>
      <p className="lead">{r.intro}</p>
      {query.isPending && <p className="loading">{t.loading}</p>}
      {query.isError && <LoadFailed retry={() => void query.refetch()} />}
      {query.data && (
        <Result
          data={query.data}
          place={place}
          checkedAt={query.dataUpdatedAt}
          checking={query.isFetching}
          again={() => void query.refetch()}
        />
      )}
    </Page>
  );
}

function Result(props: { data: Readiness; place: Place; checkedAt: number; checking: boolean; again(): void }) {
  const r = useTexts(readinessText);
  const { lang, number } = useI18n();
  const failing = props.data.checks.filter((c) => c.status === "fail");
  const warning = props.data.checks.filter((c) => c.status === "warn");
  const passed = props.data.checks.filter((c) => c.status === "pass");
  const toFix = failing.flatMap((c) => c.problems.filter((p) => p.severity === "fail")).length;
  const toImprove = [...failing, ...warning].flatMap((c) => c.problems.filter((p) => p.severity === "warn")).length;
  const time = new Intl.DateTimeFormat(lang, { timeStyle: "medium" }).format(props.checkedAt);
  return (
    <>
      {/* The overall state, announced when it first arrives and after each "Check again". */}
      <div className={`readiness-state ${props.data.ready ? "is-ready" : "not-ready"}`} role="status">
        <h2>
          <span aria-hidden="true" className="readiness-mark">
            {props.data.ready ? "✓" : "✗"}
          </span>{" "}
          {props.data.ready ? r.ready : r.toFix(number(toFix), toFix === 1)}
        </h2>
        <p>
          {toImprove > 0 && <>{r.warnings(number(toImprove), toImprove === 1)}. </>}
          {r.checkedAt(time)}
        </p>
      </div>
      <p>
        <Button className="button secondary" onPress={props.again} isPending={props.checking}>
          {props.checking ? r.checking : r.checkAgain}
        </Button>
      </p>
      {[...failing, ...warning].length > 0 && (
        <ol className="readiness-checks">
          {[...failing, ...warning].map((c) => (
            <CheckItem key={c.id} check={c} place={props.place} />
          ))}
        </ol>
      )}
      {passed.length > 0 && (
        <details className="readiness-passed">
          <summary>{r.passed(number(passed.length), passed.length === 1)}</summary>
          <ul>
            {passed.map((c) => (
              <li key={c.id}>
                <span aria-hidden="true">✓ </span>
                {r.checks[c.id] ?? c.title}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function CheckItem({ check, place }: { check: Check; place: Place }) {
  const r = useTexts(readinessText);
  const { lang } = useI18n();
  const fail = check.status === "fail";
  return (
    <li className={`readiness-check ${fail ? "is-fail" : "is-warn"}`}>
      <h3>
        <span className="readiness-status">{fail ? r.statusFail : r.statusWarn}</span>
        <span className="readiness-check-title">{r.checks[check.id] ?? check.title}</span>
      </h3>
      <p className="muted">{r.step(check.step)}</p>
      <ul className="readiness-problems">
        {check.problems.map((p, i) => (
          <li key={i}>
            <p>{sentence(p, r, lang)}</p>
            <p>
              <Link href={`${place.base}${p.fix.page}`}>
                {r.fixIn(screenName(r.screens, p.fix.page) + recordOf(p.subject, r))}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </li>
  );
}

type Words = (typeof readinessText)["en"];

/** The problem in the reader's language, from its kind and the names the server gives. */
function sentence(p: Problem, r: Words, lang: string): string {
  const s = r.subjects;
  const named =
    p.subject.name && p.subject.code
      ? `${p.subject.name} (${p.subject.code})`
      : (p.subject.name ?? p.subject.code ?? "");
  const subject = (() => {
    switch (p.subject.type) {
      case "institution":
        return s.institution();
      case "rule":
        return p.subject.id === null ? s.defaultRule : s.rule(p.subject.name ?? "");
      case "letter":
        return s.letter(r.letters[p.subject.code ?? ""] ?? p.subject.code ?? "");
      default:
        return s[p.subject.type](named);
    }
  })();
  const words: ProblemWords = {
    subject,
    language: p.language ? languageName(p.language, lang) : "",
    detail: p.kind === "letter_not_in_language" && p.detail ? languageName(p.detail, lang) : (p.detail ?? ""),
  };
  const say = r.problems[p.kind];
  return say ? say(words) : p.message;
}

function languageName(tag: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The record a fix link opens, after the screen's name: its code, a rule (which has none) by its
 * name, a letter by the name the Letters page gives it (its code means nothing to a reader).
 */
function recordOf(subject: Check["problems"][number]["subject"], r: Words): string {
  const record =
    subject.type === "letter" && subject.code
      ? (r.letters[subject.code] ?? subject.code)
      : (subject.code ?? (subject.type === "rule" ? subject.name : null));
  return record ? ` – ${record}` : "";
}

/** The setup screen a fix address opens, by its path under /staff/setup/. */
function screenName(screens: Record<string, string>, page: string): string {
  const path = page.replace(/^\/staff\/setup\//, "").replace(/[?#].*$/, "");
  const [first, second] = path.split("/");
  return screens[`${first}/${second}`] ?? screens[first ?? ""] ?? path;
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-aria-components";
import { LoadFailed } from "../../shared/components/Status";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { useDateTime } from "../date-time";
import { outboxText } from "../outbox/text";
import { staffPath } from "../screens";
import { workspaceQuery } from "../workspace";
import { eventText } from "./event-text";
import { explainRequestQuery, historyQuery, lettersQuery } from "./queries";
import { requestText, stateText } from "./text";

/** Why the request got its workflow: the deciding rule's sentence, then every rule tried, in order. */
export function ExplainSection({ id, place }: { id: string; place: Place }) {
  const s = useTexts(requestText);
  const { t, lang } = useI18n();
  const q = useQuery(explainRequestQuery(id));
  // Those who may change the digitization rules go from the deciding rule to it in the rule editor.
  const editsRules = useQuery(workspaceQuery).data?.setup_areas.fulfillment === true;
  const ruleAddress = (ruleId: string | null) =>
    staffPath(place, `/setup/rules/digitization${ruleId === null ? "#default" : `/${ruleId}`}`);
  return (
    <section aria-labelledby="explain-heading" className="staff-section">
      <h2 id="explain-heading">{s.explainHeading}</h2>
      {q.isPending && <p className="muted">{t.loading}</p>}
      {q.isError && <LoadFailed retry={() => void q.refetch()} />}
      {q.data && (
        <>
          {/* the explanation is worded by the server in English; say so rather than leave it unexplained */}
          {lang !== "en" && <p className="muted">{s.staffWords}</p>}
          <p lang="en">{q.data.sentence}</p>
          <p className="strong">
            {editsRules ? (
              <Link href={ruleAddress(q.data.rule_id)}>{s.decidedBy(q.data.rule_name)}</Link>
            ) : (
              s.decidedBy(q.data.rule_name)
            )}
          </p>
          {q.data.place && <p lang="en">{q.data.place}</p>}
          {q.data.trace.length > 0 && (
            // Every rule of the table, tried in order: folded, so the decision above stays what one reads.
            <details className="explain-trace">
              <summary>{`${s.rulesTried} (${q.data.trace.length})`}</summary>
              <ol className="explain-steps">
                {q.data.trace.map((step) => (
                  <li key={step.rule_id} className={`explain-${step.result}`}>
                    <span className="strong">{step.rule_name}</span>
                    {` (${s.ruleResult[step.result] ?? step.result}): `}
                    <span lang="en">{step.sentence}</span>
                  </li>
                ))}
              </ol>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** The history as a timeline, oldest first: what happened in words, who did it, when, why. */
export function HistorySection({ id }: { id: string }) {
  const s = useTexts(requestText);
  const states = useTexts(stateText);
  const events: Record<string, string> = useTexts(eventText);
  const letters = useTexts(outboxText).topics;
  const { t } = useI18n();
  const when = useDateTime();
  const q = useQuery(historyQuery(id));
  const letterOf = (data: Record<string, unknown>) =>
    typeof data.letter === "string" ? (letters[data.letter] ?? data.letter) : null;
  return (
    <section aria-labelledby="history-heading" className="staff-section">
      <h2 id="history-heading">{s.historyHeading}</h2>
      {q.isPending && <p className="muted">{t.loading}</p>}
      {q.isError && <LoadFailed retry={() => void q.refetch()} />}
      {q.data && (
        <ol className="timeline">
          {q.data.events.map((e) => (
            <li key={e.event_id} className="timeline-event">
              <span className="strong">{events[e.action] ?? e.action.replace(/_/g, " ")}</span>
              {letterOf(e.data) && `: ${letterOf(e.data)}`}
              {/* An approval leaves the state as it was: only a change of state is shown. */}
              {e.to_state && e.to_state !== e.from_state && ` → ${states[e.to_state] ?? e.to_state}`}
              <span className="timeline-when">
                <time dateTime={e.at}>{when(e.at)}</time> · {e.by ? s.by(e.by) : s.system}
              </span>
              {e.reason && <p className="timeline-reason">{`${s.reason}: ${e.reason}`}</p>}
              {e.note && <p className="timeline-reason">{`${s.note}: ${e.note}`}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The letters written about the request, as they were sent; the patron's link tokens never reach this page. */
export function LettersSection({ id }: { id: string }) {
  const s = useTexts(requestText);
  const { t } = useI18n();
  const when = useDateTime();
  const q = useQuery(lettersQuery(id));
  return (
    <section aria-labelledby="letters-heading" className="staff-section">
      <h2 id="letters-heading">{s.lettersHeading}</h2>
      {q.isPending && <p className="muted">{t.loading}</p>}
      {q.isError && <LoadFailed retry={() => void q.refetch()} />}
      {q.data && q.data.letters.length === 0 && <p className="muted">{s.noLetters}</p>}
      {q.data && q.data.letters.length > 0 && (
        <>
          <p className="hint">{s.linksWithheld}</p>
          <ul className="letter-list">
            {q.data.letters.map((l) => (
              <li key={l.letter_id} className="letter">
                <h3>{l.subject ?? l.letter_code}</h3>
                <p className="muted">
                  {[
                    s.letterStatus[l.status] ?? l.status,
                    when(l.sent_at ?? l.first_try_at),
                    l.recipient ? s.letterTo(l.recipient) : null,
                    l.letter_code,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {l.status === "sent" &&
                  (l.body_text ? (
                    <details>
                      <summary>{s.showLetter}</summary>
                      <pre className="letter-text">{l.body_text}</pre>
                    </details>
                  ) : (
                    <p className="hint">{s.noText}</p>
                  ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

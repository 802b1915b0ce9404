import { useQuery } from "@tanstack/react-query";
import { Link } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { explainText } from "./text";

type Words = (typeof explainText)["en"];

/** Each service on the title for the patron: offered or not, and every check in order with the rule that decided it. */
export function Explanation(props: { place: Place; user: string; mms: string; item: string | null }) {
  const x = useTexts(explainText);
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ["explain", props.user, props.mms, props.item],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/explain", {
          params: {
            query: {
              user_id: props.user,
              mms_id: Number(props.mms),
              ...(props.item ? { item_id: Number(props.item) } : {}),
            },
          },
        }),
      ),
    retry: false,
  });
  if (q.isPending) return <p className="loading">{t.loading}</p>;
  if (q.isError)
    return q.error instanceof ApiError && q.error.status < 500 ? (
      <p className="notice" role="alert">
        {q.error.message}
      </p>
    ) : (
      <LoadFailed retry={() => void q.refetch()} />
    );
  return (
    <div className="explain-services">
      {/* the server words each decision in English: marked so, for screen readers */}
      <p className="muted">{x.staffWords}</p>
      {q.data.services.map((s) => (
        <section key={s.type} className="explain-service" aria-labelledby={`service-${s.type}`}>
          <h2 id={`service-${s.type}`}>
            {x.services[s.type] ?? s.type}:{" "}
            <span className={s.offered ? "explain-yes" : "explain-no"}>
              <span aria-hidden="true">{s.offered ? "✓ " : "✗ "}</span>
              {s.offered ? x.offered : x.notOffered}
            </span>
          </h2>
          <p lang="en">{s.reason}</p>
          <ol className="explain-checks">
            {s.steps.map((step, i) => (
              <li key={i} className={step.passed ? "is-passed" : "is-stopped"}>
                <h3>
                  {x.checks[step.check as keyof Words["checks"]] ?? step.check}{" "}
                  <span className="explain-verdict">({step.passed ? x.passed : x.failed})</span>
                </h3>
                <p lang="en">{step.sentence}</p>
                {step.table && <DecidedBy place={props.place} step={step} x={x} />}
                {step.trace && step.trace.length > 0 && (
                  <details className="explain-trace">
                    <summary>{x.rulesTried(step.trace.length)}</summary>
                    <ol className="explain-steps">
                      {step.trace.map((r) => (
                        <li key={r.rule_id} className={`explain-${r.result}`}>
                          <Link href={ruleAddress(props.place, step.table!, r.rule_id)}>{r.rule_name}</Link>
                          {` (${x.results[r.result]}): `}
                          <span lang="en">{r.sentence}</span>
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function DecidedBy(props: {
  place: Place;
  step: { table: string | null; rule_id: number | null; rule_name: string | null };
  x: Words;
}) {
  const { step, x } = props;
  const table = step.table!;
  const tableName = table.startsWith("fulfillment_unit.")
    ? x.fulfillmentUnit(table.slice("fulfillment_unit.".length))
    : (x.tables[table] ?? table);
  return (
    <p>
      {x.decidedBy}:{" "}
      <Link href={ruleAddress(props.place, table, step.rule_id)}>
        {step.rule_id === null ? x.defaultRule(tableName) : `${step.rule_name ?? step.rule_id} (${tableName})`}
      </Link>
    </p>
  );
}

/** The rule's place in the rule editor: /staff/setup/rules/<table>/<rule id>, or the table's default. */
function ruleAddress(place: Place, table: string, ruleId: number | null): string {
  const path = `/setup/rules/${encodeURIComponent(table)}`;
  return staffPath(place, ruleId === null ? `${path}#default` : `${path}/${ruleId}`);
}

import { useEffect, useState } from "react";
import { Link } from "react-aria-components";
import { Page } from "../../../shared/components/Page";
import { useTexts } from "../../../shared/texts";
import { History } from "./History";
import { LockIcon } from "./LockIcon";
import { outcomeSummary } from "./model";
import type { TablePlace } from "./RuleEditor";
import { RuleList, RuleSummary } from "./RuleList";
import { rulesText } from "./text";

/**
 * A rule table: the consortium's rules first (read-only), then the institution's own in order,
 * then the default rule, then the history. #rule-<id> and #default (the readiness check's
 * links) scroll to that rule.
 */
export function TablePage(props: TablePlace) {
  const x = useTexts(rulesText);
  const { table } = props;
  const [message, setMessage] = useState("");
  const inherited = table.rules.filter((r) => r.consortium !== null);
  const own = table.rules.filter((r) => r.consortium === null);
  const consortium = inherited[0]?.consortium ?? null;
  useEffect(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    // the list draws its rows a frame or two after the page: look for the target until they are there
    let frames = 0;
    let request = 0;
    const find = () => {
      const target = document.getElementById(id);
      if (target) target.scrollIntoView({ block: "center" });
      else if (frames++ < 30) request = requestAnimationFrame(find);
    };
    request = requestAnimationFrame(find);
    return () => cancelAnimationFrame(request);
  }, []);
  return (
    <Page title={props.title}>
      <p className="lead">{x.intros[table.kind]}</p>
      {consortium && (
        <section aria-labelledby="rules-consortium">
          <h2 id="rules-consortium">{x.consortiumHeading(consortium)}</h2>
          <ol className="rule-list rule-list-locked">
            {inherited.map((r) => (
              <li key={r.id} id={`rule-${r.id}`} className="rule-row">
                <div className="rule-row-head">
                  <span className="rule-name">{r.name}</span>
                  <span className={`rule-state ${r.enabled ? "is-on" : "is-off"}`}>{r.enabled ? x.on : x.off}</span>
                </div>
                <p className="rule-lock">
                  <LockIcon />
                  {x.locked(consortium)}
                </p>
                <RuleSummary rule={r} kind={table.kind} reasonLabel={props.reasonLabel} />
                <Link href={props.ruleHref(r.id)} aria-label={x.viewNamed(r.name)}>
                  {x.view}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="rules-own">
        <h2 id="rules-own">{x.rulesHeading}</h2>
        <p role="status" className="rule-status">
          {message}
        </p>
        <RuleList
          table={table}
          rules={own}
          href={(id) => props.ruleHref(id)}
          reasonLabel={props.reasonLabel}
          announce={setMessage}
        />
        <p>
          <Link className="button secondary rule-add" href={props.ruleHref("new")}>
            {x.addRule}
          </Link>
        </p>
      </section>
      <section aria-labelledby="default" className="rule-default">
        <h2 id="default" tabIndex={-1}>
          {x.defaultHeading}
        </h2>
        <p>{x.defaultIntro}</p>
        <p>
          <strong>{x.thenLabel}: </strong>
          {outcomeSummary(table.kind, table.default_output, x, props.reasonLabel)}
        </p>
        <p>
          <Link href={props.ruleHref("default")}>{x.editDefault}</Link>
        </p>
      </section>
      <History
        table={table.table}
        kind={table.kind}
        rules={table.rules}
        reasonLabel={props.reasonLabel}
        heading={x.historyHeading}
      />
    </Page>
  );
}

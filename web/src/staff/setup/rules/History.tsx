import { useQuery } from "@tanstack/react-query";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { conditionsSummary, outcomeSummary, type Output } from "./model";
import { versionsQuery, type Condition, type Rule, type Version } from "./queries";
import { rulesText, type RulesWords } from "./text";

/** Who changed what and when, newest first, each change with its before and after side by side. */
export function History(props: {
  table: string;
  kind: string;
  ruleId?: number;
  rules: Rule[];
  reasonLabel(code: string): string;
  heading: string;
}) {
  const x = useTexts(rulesText);
  const { t } = useI18n();
  const query = useQuery(versionsQuery(props.table, props.ruleId));
  return (
    <section className="rule-history" aria-labelledby="rule-history-heading">
      <h2 id="rule-history-heading">{props.heading}</h2>
      {query.isPending && <p className="loading">{t.loading}</p>}
      {query.isError && <LoadFailed retry={() => void query.refetch()} />}
      {query.data?.versions.length === 0 && <p>{x.noHistory}</p>}
      {query.data && query.data.versions.length > 0 && (
        <ol className="rule-versions">
          {query.data.versions.slice(0, 50).map((v) => (
            <VersionItem key={v.id} version={v} {...props} />
          ))}
        </ol>
      )}
    </section>
  );
}

function VersionItem(props: { version: Version; kind: string; rules: Rule[]; reasonLabel(code: string): string }) {
  const x = useTexts(rulesText);
  const { lang } = useI18n();
  const v = props.version;
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(v.at));
  const subject = v.rule_id === null ? null : (props.rules.find((r) => r.id === v.rule_id)?.name ?? ruleName(v, x));
  const what = `${subject ? `${subject}: ` : ""}${x.actions[v.action] ?? v.action}`;
  const rows = compareRows(v, props.kind, props.rules, x, props.reasonLabel);
  return (
    <li className="rule-version">
      <p>{x.versionLine(what, v.actor_name ?? x.system, when)}</p>
      {rows.length > 0 && (
        <details>
          <summary>{x.beforeAfter}</summary>
          <table className="rule-compare">
            <thead>
              <tr>
                <th scope="col">{x.field}</th>
                <th scope="col">{x.before}</th>
                <th scope="col">{x.after}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.field} className={r.changed ? "is-changed" : undefined}>
                  <th scope="row">
                    {r.field}
                    {r.changed && <span className="rule-changed"> ({x.changed})</span>}
                  </th>
                  <td>{r.before}</td>
                  <td>{r.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </li>
  );
}

/** A deleted rule's name is in the version itself. */
function ruleName(v: Version, x: RulesWords): string {
  const snap = (v.before ?? v.after) as { name?: unknown } | null;
  return typeof snap?.name === "string" ? snap.name : x.ruleNumber(String(v.rule_id));
}

interface Row {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

function compareRows(
  v: Version,
  kind: string,
  rules: Rule[],
  x: RulesWords,
  reasonLabel: (code: string) => string,
): Row[] {
  const row = (field: string, before: string, after: string): Row => ({
    field,
    before,
    after,
    changed: before !== after,
  });
  if (v.action === "reordered") {
    const names = (ids: unknown) =>
      Array.isArray(ids)
        ? ids.map((id, i) => `${i + 1}. ${rules.find((r) => r.id === id)?.name ?? x.ruleNumber(String(id))}`).join("; ")
        : x.nothing;
    return [row(x.fieldNames.order ?? "", names(v.before), names(v.after))];
  }
  if (v.action === "default_updated") {
    const out = (o: unknown) => (o ? outcomeSummary(kind, o as Output, x, reasonLabel) : x.nothing);
    return [row(x.fieldNames.output ?? "", out(v.before), out(v.after))];
  }
  const before = (v.before ?? null) as Record<string, unknown> | null;
  const after = (v.after ?? null) as Record<string, unknown> | null;
  const show = (snap: Record<string, unknown> | null, key: string): string => {
    if (!snap) return x.nothing;
    const value = snap[key];
    if (key === "conditions") return conditionsSummary((value ?? []) as Condition[], x);
    if (key === "output") return outcomeSummary(kind, (value ?? {}) as Output, x, reasonLabel);
    if (typeof value === "boolean") return value ? x.yes : x.no;
    return value === null || value === undefined || value === "" ? x.nothing : String(value);
  };
  return ["name", "description", "enabled", "position", "conditions", "output"].map((key) =>
    row(x.fieldNames[key] ?? key, show(before, key), show(after, key)),
  );
}

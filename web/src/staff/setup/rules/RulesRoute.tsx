import { useQuery } from "@tanstack/react-query";
import { Page } from "../../../shared/components/Page";
import { LoadFailed, Redirect } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { reasonsQuery, tableQuery, unitQuery } from "./queries";
import { DefaultEditor, RuleEditor, type TablePlace } from "./RuleEditor";
import { TablePage } from "./TablePage";
import { rulesText } from "./text";
import "./rules.css";

const KINDS = new Set(["digitization", "delivery", "display_logic", "patron_limits"]);

/**
 * The rule-table editor's addresses, /staff/setup/rules/<table>[/<rule id> | /new | /default]:
 * <table> is a table of the institution, fulfillment_unit:<unit id> (the fulfillment units'
 * screen links there) or fulfillment_unit.<unit code> (the API's own name, which explain shows).
 */
export function RulesRoute({ place, rest }: { place: Place; rest: string }) {
  const m = /^\/([^/]+)(?:\/([^/]+))?$/.exec(rest);
  if (!m?.[1]) return <Redirect to={staffPath(place, "/setup/rules/digitization")} />;
  const token = decodeURIComponent(m[1]);
  const unitId = /^fulfillment_unit:(\d+)$/.exec(token)?.[1];
  const base = staffPath(place, `/setup/rules/${m[1]}`);
  if (unitId) return <UnitTable place={place} unitId={Number(unitId)} base={base} sub={m[2]} />;
  if (!KINDS.has(token) && !/^fulfillment_unit\.[A-Za-z0-9_.-]+$/.test(token)) return <NotFound />;
  return <Table table={token} base={base} sub={m[2]} unitName={token.replace(/^fulfillment_unit\./, "")} />;
}

function UnitTable(props: { place: Place; unitId: number; base: string; sub: string | undefined }) {
  const { t } = useI18n();
  const unit = useQuery(unitQuery(props.unitId));
  if (unit.isPending) return <p className="loading">{t.loading}</p>;
  if (unit.error)
    return (unit.error as { status?: number }).status === 404 ? (
      <NotFound />
    ) : (
      <LoadFailed retry={() => void unit.refetch()} />
    );
  return (
    <Table
      table={unit.data.rule_table}
      base={props.base}
      sub={props.sub}
      unitName={`${unit.data.name} (${unit.data.code})`}
    />
  );
}

function NotFound() {
  const x = useTexts(rulesText);
  const { t } = useI18n();
  return (
    <Page title={t.notFoundTitle}>
      <p>{x.notFound}</p>
    </Page>
  );
}

function Table(props: { table: string; base: string; sub: string | undefined; unitName: string }) {
  const x = useTexts(rulesText);
  const { t } = useI18n();
  const query = useQuery(tableQuery(props.table));
  const reasons = useQuery(reasonsQuery);
  if (query.isPending) return <p className="loading">{t.loading}</p>;
  if (query.error) {
    const status = (query.error as { status?: number }).status;
    return status === 404 || status === 400 ? <NotFound /> : <LoadFailed retry={() => void query.refetch()} />;
  }
  const table = query.data;
  const labels = new Map((reasons.data?.approval_reasons ?? []).map((r) => [r.code, r.label]));
  const where: TablePlace = {
    table,
    title: table.kind === "fulfillment_unit" ? x.unitTitle(props.unitName) : (x.titles[table.kind] ?? table.title),
    tableHref: props.base,
    ruleHref: (id) => `${props.base}/${id}`,
    reasonLabel: (code) => labels.get(code) ?? code,
  };
  if (props.sub === undefined) return <TablePage {...where} />;
  if (props.sub === "new") return <RuleEditor key="new" {...where} rule={null} />;
  if (props.sub === "default") return <DefaultEditor {...where} />;
  const rule = table.rules.find((r) => String(r.id) === props.sub);
  return rule ? <RuleEditor key={rule.id} {...where} rule={rule} /> : <NotFound />;
}

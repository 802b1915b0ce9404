import type { FieldProblem } from "../../../shared/api/client";
import type { Condition, Parameter } from "./queries";
import type { RulesWords } from "./text";

/**
 * The editor's form state and its way to and from the API. Values are typed as text and turned
 * into what the parameter's type takes; anything else is sent as typed, so the server's refusal
 * (which names the field) is what the administrator reads.
 */

export interface ConditionDraft {
  parameter: string;
  operator: string;
  value: string;
}

const LISTS = new Set(["in_list", "not_in_list", "between"]);
const NO_VALUE = new Set(["is_empty", "is_not_empty"]);

export const takesValue = (operator: string) => !NO_VALUE.has(operator);
export const takesList = (operator: string) => LISTS.has(operator);

export function draftOf(c: Condition): ConditionDraft {
  const v = c.value;
  return {
    parameter: c.parameter,
    operator: c.operator,
    value: Array.isArray(v) ? v.join(", ") : v === null || v === undefined ? "" : String(v),
  };
}

function scalar(text: string, type: string): string | number | boolean {
  const t = text.trim();
  if (type === "boolean") return t === "true" ? true : t === "false" ? false : t;
  if (type !== "code" && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

export function conditionOf(d: ConditionDraft, parameters: Parameter[]): Condition {
  const type = parameters.find((p) => p.name === d.parameter)?.type ?? "code";
  if (!takesValue(d.operator)) return { parameter: d.parameter, operator: d.operator };
  if (takesList(d.operator)) {
    const parts = d.value
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
    return {
      parameter: d.parameter,
      operator: d.operator,
      value: parts.map((x) => scalar(x, type)).filter((x): x is string | number => typeof x !== "boolean"),
    };
  }
  return { parameter: d.parameter, operator: d.operator, value: scalar(d.value, type) };
}

/** A whole number typed in a box: empty is null; anything else goes as typed for the server to judge. */
export const numberOrNull = (text: string): number | string | null =>
  text.trim() === "" ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;

/** The id of the input an API field path (conditions.0.value, output.target) is about. */
export const fieldId = (path: string) => `rule-${path.replace(/\./g, "-")}`;

/** The server's problems by field path, several for one field joined. */
export function problemsByField(fields: FieldProblem[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of fields) m.set(f.field, m.has(f.field) ? `${m.get(f.field)} ${f.message}` : f.message);
  return m;
}

export type Output = Record<string, unknown>;

/** The outcome in a few words, as the list and the history show it. */
export function outcomeSummary(kind: string, o: Output, x: RulesWords, reasonLabel: (code: string) => string): string {
  switch (kind) {
    case "digitization": {
      const parts = [x.deliverAs(x.targets[String(o.target)] ?? String(o.target))];
      const mode = typeof o.approval_mode === "string" ? (x.modes[o.approval_mode] ?? o.approval_mode) : "";
      if (o.approval_required === true) parts.push(x.withApproval(mode));
      if (o.copyright_clearance_required === true)
        parts.push(o.approval_required === true ? x.withCopyright : `${x.withCopyright} (${mode})`);
      if (typeof o.approval_reason === "string" && o.approval_reason)
        parts.push(x.reason(reasonLabel(o.approval_reason)));
      if (typeof o.max_views === "number") parts.push(x.views(String(o.max_views)));
      return parts.join(", ");
    }
    case "delivery":
      return o.allowed === true ? x.allowedYes : x.allowedNo;
    case "display_logic": {
      const hide = Array.isArray(o.hide) ? (o.hide as string[]) : [];
      return hide.length ? x.hides(hide.map((s) => x.services[s] ?? s).join(", ")) : x.hidesNothing;
    }
    case "patron_limits": {
      const n = o.max_digitization_requests;
      return n === null || n === undefined ? x.unlimited : n === 0 ? x.noneAllowed : x.atMost(String(n));
    }
    case "fulfillment_unit":
      return x.usesTerms(String(o.terms_of_use));
    default:
      return JSON.stringify(o);
  }
}

export function conditionsSummary(conditions: Condition[], x: RulesWords): string {
  if (conditions.length === 0) return x.always;
  return conditions
    .map((c) => {
      const what = `${x.parameters[c.parameter] ?? c.parameter} ${x.operators[c.operator] ?? c.operator}`;
      if (!takesValue(c.operator)) return what;
      const v = c.value;
      const shown = Array.isArray(v)
        ? v.join(", ")
        : typeof v === "boolean"
          ? v
            ? x.valueTrue
            : x.valueFalse
          : String(v ?? "");
      return `${what} ${shown}`;
    })
    .join(x.and);
}

/** What a field path is called on the form, to name it in the problem summary (undefined: the form as a whole). */
export function fieldLabel(path: string, x: RulesWords): string | undefined {
  const condition = /^conditions\.(\d+)\.(parameter|operator|value)$/.exec(path);
  if (condition) {
    const part = condition[2] === "parameter" ? x.parameter : condition[2] === "operator" ? x.operator : x.value;
    return `${x.condition(String(Number(condition[1]) + 1))}, ${part.toLowerCase()}`;
  }
  const key = /^(?:default_)?output\.([a-z_]+)/.exec(path)?.[1];
  const outputs: Record<string, string> = {
    target: x.target,
    max_views: x.maxViews,
    link_expiry_days: x.linkExpiry,
    approval_required: x.approvalRequired,
    copyright_clearance_required: x.copyrightRequired,
    approval_mode: x.approvalMode,
    approval_reason: x.approvalReason,
    target_destination: x.destination,
    allowed: x.allowed,
    hide: x.hideHeading,
    max_digitization_requests: x.maxRequests,
    terms_of_use: x.termsOfUse,
  };
  if (key) return outputs[key];
  return ({ name: x.name, description: x.description, conditions: x.conditionsHeading } as Record<string, string>)[
    path
  ];
}

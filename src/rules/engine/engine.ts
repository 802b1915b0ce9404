import type { Operator } from "./parameters.js";

/**
 * The rule engine of DOMAIN 5, shared by every table. Pure: a table is compiled once per
 * change into closures, then evaluated against facts. First enabled rule whose conditions all
 * hold wins; otherwise the default output applies. An unknown fact (null) satisfies only
 * `is_empty`: a rule that needs a value it cannot know does not match.
 */

export type FactValue = string | number | boolean | null;
export type Facts = Readonly<Record<string, FactValue | undefined>>;
type ConditionValue = string | number | boolean | (string | number)[] | null;

export interface Condition {
  parameter: string;
  operator: Operator;
  value?: ConditionValue | undefined;
}

export interface EngineRule<O> {
  id: number;
  name: string;
  enabled: boolean;
  conditions: Condition[];
  output: O;
}

interface EngineTable<O> {
  rules: EngineRule<O>[];
  defaultOutput: O;
}

export interface TraceStep {
  rule_id: number;
  rule_name: string;
  /** "disabled": skipped; "failed": a condition did not hold; "matched": this rule decided */
  result: "disabled" | "failed" | "matched";
  /** the first condition that did not hold, with the value the facts had */
  failed_condition?: { index: number; condition: Condition; actual: FactValue };
}

export interface Decision<O> {
  output: O;
  /** null when the default output applied */
  ruleId: number | null;
  ruleName: string | null;
  trace?: TraceStep[];
}

type Test = (facts: Facts) => boolean;

const num = (v: ConditionValue | undefined): number => Number(v);

function compileCondition(c: Condition): Test {
  const key = c.parameter;
  const v = c.value;
  const known = (f: Facts): FactValue => f[key] ?? null;
  switch (c.operator) {
    case "is_empty":
      return (f) => known(f) === null || known(f) === "";
    case "is_not_empty":
      return (f) => known(f) !== null && known(f) !== "";
    case "equals":
      return (f) => known(f) !== null && known(f) === v;
    case "not_equals":
      return (f) => known(f) !== null && known(f) !== v;
    case "in_list": {
      const set = new Set<unknown>(Array.isArray(v) ? v : []);
      return (f) => known(f) !== null && set.has(known(f));
    }
    case "not_in_list": {
      const set = new Set<unknown>(Array.isArray(v) ? v : []);
      return (f) => known(f) !== null && !set.has(known(f));
    }
    case "less_than": {
      const n = num(v);
      return (f) => typeof known(f) === "number" && (known(f) as number) < n;
    }
    case "greater_than": {
      const n = num(v);
      return (f) => typeof known(f) === "number" && (known(f) as number) > n;
    }
    case "between": {
      const [lo, hi] = Array.isArray(v) ? v.map(Number) : [NaN, NaN];
      return (f) => {
        const x = known(f);
        return typeof x === "number" && x >= lo! && x <= hi!;
      };
    }
    case "contains": {
      const needle = String(v ?? "").toLowerCase();
      return (f) => known(f) !== null && String(known(f)).toLowerCase().includes(needle);
    }
  }
}

export interface CompiledTable<O> {
  evaluate(facts: Facts, options?: { trace?: boolean }): Decision<O>;
}

export function compileTable<O>(table: EngineTable<O>): CompiledTable<O> {
  const compiled = table.rules.map((rule) => ({ rule, tests: rule.conditions.map(compileCondition) }));
  const evaluate = (facts: Facts, options: { trace?: boolean } = {}): Decision<O> => {
    const trace: TraceStep[] | undefined = options.trace ? [] : undefined;
    for (const { rule, tests } of compiled) {
      if (!rule.enabled) {
        trace?.push({ rule_id: rule.id, rule_name: rule.name, result: "disabled" });
        continue;
      }
      const failed = tests.findIndex((t) => !t(facts));
      if (failed === -1) {
        trace?.push({ rule_id: rule.id, rule_name: rule.name, result: "matched" });
        return { output: rule.output, ruleId: rule.id, ruleName: rule.name, ...(trace ? { trace } : {}) };
      }
      if (trace) {
        const condition = rule.conditions[failed]!;
        trace.push({
          rule_id: rule.id,
          rule_name: rule.name,
          result: "failed",
          failed_condition: { index: failed, condition, actual: facts[condition.parameter] ?? null },
        });
      }
    }
    return { output: table.defaultOutput, ruleId: null, ruleName: null, ...(trace ? { trace } : {}) };
  };
  return { evaluate };
}

const operatorWords: Record<Operator, string> = {
  equals: "is",
  not_equals: "is not",
  in_list: "is one of",
  not_in_list: "is none of",
  less_than: "is less than",
  greater_than: "is greater than",
  between: "is between",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  contains: "contains",
};

const show = (v: unknown): string =>
  Array.isArray(v) ? v.join(", ") : v === null || v === undefined ? "unknown" : String(v);

/** A condition as a sentence fragment staff can read: "user_group is one of GRAD, FACULTY". */
function describeCondition(c: Condition): string {
  const tail = c.operator === "is_empty" || c.operator === "is_not_empty" ? "" : ` ${show(c.value)}`;
  return `${c.parameter} ${operatorWords[c.operator]}${c.operator === "between" ? tail.replace(", ", " and ") : tail}`;
}

/** One trace step as a sentence. */
export function describeStep(step: TraceStep): string {
  if (step.result === "disabled") return `Rule "${step.rule_name}" is disabled and was skipped.`;
  if (step.result === "matched") return `Rule "${step.rule_name}" matched: all its conditions held.`;
  const f = step.failed_condition!;
  return `Rule "${step.rule_name}" did not match: condition ${f.index + 1} (${describeCondition(f.condition)}) did not hold; the value was ${show(f.actual)}.`;
}

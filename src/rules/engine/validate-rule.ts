import type { z } from "zod";
import type { FieldProblem } from "../../errors.js";
import type { Condition } from "./engine.js";
import {
  findParameter,
  OPERATORS,
  operatorsByType,
  type Operator,
  type ParameterDef,
  type TableKind,
} from "./parameters.js";

/**
 * Complete validation of a rule against the registry (DOMAIN 5): a known parameter, an
 * operator that fits its type, values of the right shape inside the parameter's domain, and
 * an output the table accepts. Pure; the caller supplies the institution's codes.
 */

export type DomainValues = Record<"user_group" | "library" | "location" | "item_policy", ReadonlySet<string> | null>;

const scalarOk = (def: ParameterDef, v: unknown): string | null => {
  switch (def.type) {
    case "boolean":
      return typeof v === "boolean" ? null : "must be true or false";
    case "number":
      return typeof v === "number" && Number.isFinite(v) && v >= 0 ? null : "must be a number of at least 0";
    case "percentage":
      return typeof v === "number" && v >= 0 && v <= 100 ? null : "must be a percentage from 0 to 100";
    case "year":
      return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 9999 ? null : "must be a year (0-9999)";
    case "code":
      return typeof v === "string" && v.trim() !== "" ? null : "must be a non-empty code";
  }
};

function domainProblem(def: ParameterDef, v: string, domains: DomainValues, operator: Operator): string | null {
  if (!def.domain || operator === "contains") return null;
  if (def.domain.kind === "fixed") {
    return def.domain.values.includes(v) ? null : `${v} is not one of ${def.domain.values.join(", ")}`;
  }
  const known = domains[def.domain.of];
  if (known && !known.has(v)) return `${v} is not a ${def.domain.of.replace("_", " ")} code of this institution`;
  return null;
}

function conditionProblem(
  kind: TableKind,
  c: Condition,
  domains: DomainValues,
): { path: string; message: string } | null {
  const def = findParameter(kind, c.parameter);
  if (!def) return { path: "parameter", message: `${c.parameter} is not a parameter of this table` };
  if (!OPERATORS.includes(c.operator)) return { path: "operator", message: `${String(c.operator)} is not an operator` };
  if (!operatorsByType[def.type].includes(c.operator)) {
    return {
      path: "operator",
      message: `${c.operator} does not apply to ${def.name} (a ${def.type}); use one of ${operatorsByType[def.type].join(", ")}`,
    };
  }
  const v = c.value;
  if (c.operator === "is_empty" || c.operator === "is_not_empty") {
    return v === undefined || v === null ? null : { path: "value", message: `must be left out for ${c.operator}` };
  }
  const check = (x: unknown): string | null => {
    const bad = scalarOk(def, x);
    if (bad) return bad;
    return typeof x === "string" ? domainProblem(def, x, domains, c.operator) : null;
  };
  if (c.operator === "in_list" || c.operator === "not_in_list") {
    if (!Array.isArray(v) || v.length === 0) return { path: "value", message: "must be a non-empty list" };
    for (const [i, x] of v.entries()) {
      const bad = check(x);
      if (bad) return { path: `value.${i}`, message: bad };
    }
    return null;
  }
  if (c.operator === "between") {
    if (!Array.isArray(v) || v.length !== 2)
      return { path: "value", message: "must be a list of two bounds [low, high]" };
    for (const [i, x] of v.entries()) {
      const bad = check(x);
      if (bad) return { path: `value.${i}`, message: bad };
    }
    return (v[0] as number) <= (v[1] as number)
      ? null
      : { path: "value", message: "the low bound must not exceed the high bound" };
  }
  if (Array.isArray(v)) return { path: "value", message: "must be a single value" };
  if (c.operator === "contains")
    return typeof v === "string" && v !== "" ? null : { path: "value", message: "must be text to look for" };
  const bad = check(v);
  return bad ? { path: "value", message: bad } : null;
}

interface RuleDraft {
  name: string;
  conditions: Condition[];
  output: unknown;
}

/** Every problem of the rule, each naming the rule and the condition. */
export function validateRule(
  kind: TableKind,
  rule: RuleDraft,
  domains: DomainValues,
  outputSchema: z.ZodType,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  rule.conditions.forEach((c, i) => {
    const bad = conditionProblem(kind, c, domains);
    if (bad) {
      problems.push({
        field: `conditions.${i}.${bad.path}`,
        message: `rule "${rule.name}", condition ${i + 1} (${c.parameter} ${c.operator}): ${bad.message}`,
      });
    }
  });
  const out = outputSchema.safeParse(rule.output);
  if (!out.success) {
    for (const issue of out.error.issues) {
      problems.push({
        field: ["output", ...issue.path.map(String)].join("."),
        message: `rule "${rule.name}", output: ${issue.message}`,
      });
    }
  }
  return problems;
}

import { describe, expect, it } from "vitest";
import type { Condition } from "./engine.js";
import { outputSchemaByKind } from "./table-kinds.js";
import { validateRule, type DomainValues } from "./validate-rule.js";

const domains: DomainValues = {
  user_group: new Set(["GRAD", "FACULTY"]),
  library: new Set(["MAIN"]),
  location: new Set(["STACKS"]),
  item_policy: null,
};
const check = (
  conditions: Condition[],
  output: unknown = { allowed: true },
  kind: "delivery" | "digitization" = "delivery",
) => validateRule(kind, { name: "Grads", conditions, output }, domains, outputSchemaByKind[kind]);

describe("validating a rule", () => {
  it("accepts a well-formed rule of every parameter type", () => {
    expect(check([{ parameter: "user_group", operator: "in_list", value: ["GRAD", "FACULTY"] }])).toEqual([]);
    const workflow = {
      target: "link",
      approval_required: false,
      copyright_clearance_required: false,
      approval_mode: null,
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    };
    expect(
      check(
        [
          { parameter: "publication_year", operator: "less_than", value: 1931 },
          { parameter: "percentage_requested", operator: "between", value: [0, 10] },
          { parameter: "whole_item", operator: "equals", value: false },
          { parameter: "material_type", operator: "equals", value: "BOOK" },
          { parameter: "days_since_same_item_request", operator: "is_not_empty" },
          { parameter: "item_policy", operator: "equals", value: "ANY" },
        ],
        workflow,
        "digitization",
      ),
    ).toEqual([]);
  });

  it.each<[Condition, string, string]>([
    [{ parameter: "colour", operator: "equals", value: "red" }, "conditions.0.parameter", "colour is not a parameter"],
    [
      { parameter: "user_group", operator: "less_than", value: "GRAD" },
      "conditions.0.operator",
      "does not apply to user_group",
    ],
    [
      { parameter: "user_group", operator: "equals", value: "ALUMNI" },
      "conditions.0.value",
      "ALUMNI is not a user group code",
    ],
    [{ parameter: "user_group", operator: "in_list", value: [] }, "conditions.0.value", "non-empty list"],
    [{ parameter: "user_group", operator: "in_list", value: ["GRAD", "X"] }, "conditions.0.value.1", "X is not"],
    [{ parameter: "material_type", operator: "equals", value: "CD" }, "conditions.0.value", "CD is not one of BOOK"],
    [{ parameter: "library", operator: "is_empty", value: "MAIN" }, "conditions.0.value", "must be left out"],
  ])("refuses %o at %s", (c, field, message) => {
    const problems = check([c]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.message).toContain('rule "Grads", condition 1');
    expect(problems[0]!.message).toContain(message);
  });

  it("checks numbers, years, percentages, booleans and bounds", () => {
    const dig = (c: Condition) => check([c], undefined, "digitization").filter((p) => p.field.startsWith("conditions"));
    expect(dig({ parameter: "publication_year", operator: "less_than", value: 19.5 })[0]!.message).toContain("year");
    expect(dig({ parameter: "percentage_requested", operator: "greater_than", value: 150 })[0]!.message).toContain(
      "percentage",
    );
    expect(dig({ parameter: "pages_requested", operator: "greater_than", value: "ten" })[0]!.message).toContain(
      "number",
    );
    expect(dig({ parameter: "whole_item", operator: "equals", value: "yes" })[0]!.message).toContain("true or false");
    expect(dig({ parameter: "whole_item", operator: "greater_than", value: 1 })[0]!.field).toBe(
      "conditions.0.operator",
    );
    expect(dig({ parameter: "pages_requested", operator: "between", value: [10, 5] })[0]!.message).toContain(
      "low bound",
    );
  });

  it("checks the output against the table", () => {
    expect(check([], { allowed: "yes" })[0]).toMatchObject({ field: "output.allowed" });
    expect(check([], { target: "fax" }, "digitization").map((p) => p.field)).toContain("output.target");
  });
});

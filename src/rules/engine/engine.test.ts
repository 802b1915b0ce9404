import { describe, expect, it } from "vitest";
import { compileTable, describeStep, type Condition, type EngineRule, type Facts } from "./engine.js";

const rule = (id: number, conditions: Condition[], enabled = true): EngineRule<string> => ({
  id,
  name: `R${id}`,
  enabled,
  conditions,
  output: `out${id}`,
});
const holds = (c: Condition, facts: Facts): boolean =>
  compileTable({ rules: [rule(1, [c])], defaultOutput: "default" }).evaluate(facts).ruleId === 1;

describe("operators", () => {
  it.each<[Condition, Facts, boolean]>([
    [{ parameter: "g", operator: "equals", value: "GRAD" }, { g: "GRAD" }, true],
    [{ parameter: "g", operator: "equals", value: "GRAD" }, { g: "FACULTY" }, false],
    [{ parameter: "g", operator: "not_equals", value: "GRAD" }, { g: "FACULTY" }, true],
    [{ parameter: "g", operator: "not_equals", value: "GRAD" }, { g: "GRAD" }, false],
    [{ parameter: "g", operator: "in_list", value: ["GRAD", "FACULTY"] }, { g: "FACULTY" }, true],
    [{ parameter: "g", operator: "in_list", value: ["GRAD", "FACULTY"] }, { g: "UNDERGRAD" }, false],
    [{ parameter: "g", operator: "not_in_list", value: ["GRAD"] }, { g: "UNDERGRAD" }, true],
    [{ parameter: "g", operator: "not_in_list", value: ["GRAD"] }, { g: "GRAD" }, false],
    [{ parameter: "y", operator: "less_than", value: 1931 }, { y: 1930 }, true],
    [{ parameter: "y", operator: "less_than", value: 1931 }, { y: 1931 }, false],
    [{ parameter: "p", operator: "greater_than", value: 10 }, { p: 10.5 }, true],
    [{ parameter: "p", operator: "greater_than", value: 10 }, { p: 10 }, false],
    [{ parameter: "n", operator: "between", value: [5, 10] }, { n: 5 }, true],
    [{ parameter: "n", operator: "between", value: [5, 10] }, { n: 10 }, true],
    [{ parameter: "n", operator: "between", value: [5, 10] }, { n: 11 }, false],
    [{ parameter: "n", operator: "is_empty" }, { n: null }, true],
    [{ parameter: "n", operator: "is_empty" }, {}, true],
    [{ parameter: "n", operator: "is_empty" }, { n: 0 }, false],
    [{ parameter: "n", operator: "is_not_empty" }, { n: 0 }, true],
    [{ parameter: "n", operator: "is_not_empty" }, { n: null }, false],
    [{ parameter: "t", operator: "contains", value: "stack" }, { t: "MAIN_STACKS" }, true],
    [{ parameter: "t", operator: "contains", value: "stack" }, { t: "RESERVE" }, false],
    [{ parameter: "b", operator: "equals", value: true }, { b: true }, true],
    [{ parameter: "b", operator: "equals", value: true }, { b: false }, false],
    [{ parameter: "b", operator: "not_equals", value: true }, { b: false }, true],
  ])("%o on %o holds: %s", (c, facts, expected) => {
    expect(holds(c, facts)).toBe(expected);
  });

  it("an unknown fact satisfies no comparison, so a rule that needs it does not match", () => {
    for (const c of [
      { parameter: "p", operator: "greater_than", value: 10 },
      { parameter: "p", operator: "less_than", value: 10 },
      { parameter: "p", operator: "not_equals", value: 10 },
      { parameter: "p", operator: "not_in_list", value: [10] },
      { parameter: "p", operator: "between", value: [0, 100] },
    ] as Condition[]) {
      expect(holds(c, { p: null })).toBe(false);
    }
  });
});

describe("tables", () => {
  const table = compileTable({
    rules: [
      rule(1, [{ parameter: "g", operator: "equals", value: "GRAD" }], false),
      rule(2, [
        { parameter: "g", operator: "in_list", value: ["GRAD", "FACULTY"] },
        { parameter: "y", operator: "less_than", value: 1931 },
      ]),
      rule(3, [{ parameter: "g", operator: "equals", value: "GRAD" }]),
      rule(4, []),
    ],
    defaultOutput: "default",
  });

  it("the first enabled rule whose conditions all hold wins; disabled rules are skipped", () => {
    expect(table.evaluate({ g: "GRAD", y: 1900 }).output).toBe("out2");
    expect(table.evaluate({ g: "GRAD", y: 2000 }).output).toBe("out3");
    expect(table.evaluate({ g: "UNDERGRAD", y: 1900 }).output).toBe("out4");
  });

  it("the default applies when nothing matches, with no rule id", () => {
    const empty = compileTable({
      rules: [rule(1, [{ parameter: "g", operator: "equals", value: "X" }])],
      defaultOutput: "d",
    });
    expect(empty.evaluate({ g: "Y" })).toEqual({ output: "d", ruleId: null, ruleName: null });
  });

  it("returns the trace only when asked: every rule tried and the first failing condition", () => {
    expect(table.evaluate({ g: "GRAD", y: 2000 }).trace).toBeUndefined();
    const d = table.evaluate({ g: "GRAD", y: 2000 }, { trace: true });
    expect(d.trace).toEqual([
      { rule_id: 1, rule_name: "R1", result: "disabled" },
      {
        rule_id: 2,
        rule_name: "R2",
        result: "failed",
        failed_condition: { index: 1, condition: { parameter: "y", operator: "less_than", value: 1931 }, actual: 2000 },
      },
      { rule_id: 3, rule_name: "R3", result: "matched" },
    ]);
    expect(d.trace!.map(describeStep)).toEqual([
      'Rule "R1" is disabled and was skipped.',
      'Rule "R2" did not match: condition 2 (y is less than 1931) did not hold; the value was 2000.',
      'Rule "R3" matched: all its conditions held.',
    ]);
  });

  it("says what a boolean fact was, and that an unknown one is unknown", () => {
    const display = compileTable({
      rules: [
        rule(1, [{ parameter: "full_text_online", operator: "equals", value: true }]),
        rule(2, [{ parameter: "hold_requestable", operator: "not_equals", value: false }]),
        rule(3, [{ parameter: "hold_requestable", operator: "is_not_empty", value: null }]),
      ],
      defaultOutput: "d",
    });
    const d = display.evaluate({ full_text_online: false, hold_requestable: null }, { trace: true });
    expect(d.output).toBe("d");
    expect(d.trace!.map(describeStep)).toEqual([
      'Rule "R1" did not match: condition 1 (full_text_online is true) did not hold; the value was false.',
      'Rule "R2" did not match: condition 1 (hold_requestable is not false) did not hold; the value was unknown.',
      'Rule "R3" did not match: condition 1 (hold_requestable is not empty) did not hold; the value was unknown.',
    ]);
  });
});

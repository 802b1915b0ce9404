import type { FactValue, Facts as RuleFacts } from "../rules/engine/engine.js";
import { DEFAULT_DIGITIZATION_RULE_NAME, workflowSchema } from "../rules/engine/workflow.js";
import { MATERIAL_TYPES } from "../shared/material-types.js";
import { fixes } from "./addresses.js";
import type { ReadinessFacts, TableRule } from "./facts.js";
import { check, problem, subject, type CheckResult, type Problem } from "./model.js";

/**
 * The checks of the rule tables (setup guide steps 5 to 9). Coverage questions ("may this group
 * receive files anywhere?", "does any patron see digitization?") are answered by evaluating the
 * compiled table over every combination of the facts its enabled rules look at, so conditions,
 * order and the default all count exactly as they do when a patron asks.
 */

type Facts = Pick<ReadinessFacts, "userGroups" | "libraries" | "locations" | "tables" | "rules" | "approvalReasons">;

/** The parameters the table's enabled rules test: only those need more than one value. */
const tested = (rules: TableRule[]) =>
  new Set(rules.filter((r) => r.enabled).flatMap((r) => r.conditions.map((c) => c.parameter)));

/** Every combination of the place facts (library, location, material type) the table can tell apart. */
function placeCombinations(f: Facts, used: Set<string>): RuleFacts[] {
  const places: { library: string | null; location: string | null }[] =
    used.has("library") || used.has("location")
      ? [
          ...f.locations.map((l) => ({ library: l.library_code, location: l.code })),
          ...f.libraries
            .filter((lib) => !f.locations.some((l) => l.library_id === lib.id))
            .map((lib) => ({ library: lib.code, location: null })),
        ]
      : [];
  if (places.length === 0) places.push({ library: null, location: null });
  const materials: (string | null)[] = used.has("material_type") ? [...MATERIAL_TYPES, null] : [null];
  return places.flatMap((p) => materials.map((material_type) => ({ ...p, material_type })));
}

const values = (used: Set<string>, parameter: string, all: FactValue[]): FactValue[] =>
  used.has(parameter) ? all : [all[0] ?? null];

/** The user groups whose patron limit is not 0: those allowed to request digitization (DOMAIN 5.3). */
export const groupsAllowedToRequest = (f: Pick<ReadinessFacts, "userGroups" | "tables">) =>
  f.userGroups.filter(
    (g) => f.tables.patron_limits.evaluate({ user_group: g.code }).output.max_digitization_requests !== 0,
  );

export function deliveryRulesCoverGroups(f: Facts): CheckResult {
  const problems: Problem[] = [];
  const allowed = groupsAllowedToRequest(f);
  if (f.userGroups.length === 0) {
    problems.push(
      problem(
        "no_user_groups",
        subject("institution"),
        "There are no user groups yet: patrons belong to a group, and the rules say what each group may do.",
        fixes.userGroups(),
      ),
    );
  } else if (allowed.length === 0) {
    problems.push(
      problem(
        "no_group_may_request",
        subject("institution"),
        "Every user group has a patron limit of 0: nobody may request digitization.",
        fixes.rules("patron_limits"),
      ),
    );
  }
  const places = placeCombinations(f, tested(f.rules.delivery.rules));
  for (const g of allowed) {
    const receives = places.some((p) => f.tables.delivery.evaluate({ ...p, user_group: g.code }).output.allowed);
    if (receives) continue;
    problems.push(
      problem(
        "group_not_covered",
        subject("user_group", g),
        `User group ${g.code} may request digitization, but no delivery rule lets it receive files.`,
        fixes.rules("delivery"),
      ),
    );
  }
  return check(
    "delivery_rules_cover_groups",
    6,
    "Delivery rules let every group that may request receive files",
    fixes.rules("delivery"),
    problems,
  );
}

export function defaultDigitizationRule(f: Facts): CheckResult {
  const d = f.rules.digitization;
  const ok = d.exists && workflowSchema.safeParse(d.defaultOutput).success;
  const problems = ok
    ? []
    : [
        problem(
          "no_default_rule",
          subject("rule", { id: null, name: DEFAULT_DIGITIZATION_RULE_NAME }),
          `The ${DEFAULT_DIGITIZATION_RULE_NAME} is missing or incomplete: a request no rule matches would have no workflow.`,
          fixes.rules("digitization", null),
        ),
      ];
  return check(
    "default_digitization_rule",
    7,
    "A default digitization rule exists",
    fixes.rules("digitization", null),
    problems,
  );
}

export function approvalReasonsActive(f: Facts): CheckResult {
  // The consortium's rules name the consortium's reasons: the member neither owns nor fixes them.
  const deciding = [
    ...f.rules.digitization.rules.filter((r) => r.enabled && !r.inherited),
    { id: null, name: DEFAULT_DIGITIZATION_RULE_NAME, output: f.rules.digitization.defaultOutput },
  ];
  const problems = deciding.flatMap((r) => {
    const code = (r.output as { approval_reason?: unknown } | null)?.approval_reason;
    if (typeof code !== "string") return [];
    const active = f.approvalReasons.get(code);
    if (active === true) return [];
    const known = active === false;
    return [
      problem(
        known ? "inactive_reason" : "unknown_reason",
        subject("rule", r),
        known
          ? `Digitization rule "${r.name}" names approval reason ${code}, which is inactive.`
          : `Digitization rule "${r.name}" names approval reason ${code}, which is not in the list.`,
        fixes.rules("digitization", r.id),
        { detail: code },
      ),
    ];
  });
  return check(
    "approval_reasons_active",
    7,
    "No rule names an inactive approval reason",
    fixes.approvalReasons(),
    problems,
  );
}

export function displayRulesShowDigitization(f: Facts): CheckResult {
  const used = tested(f.rules.display_logic.rules);
  const allowed = groupsAllowedToRequest(f);
  const groups: FactValue[] = allowed.length ? allowed.map((g) => g.code) : [null];
  const deciders = new Map<number | null, string>();
  let shown = false;
  search: for (const user_group of values(used, "user_group", groups)) {
    for (const place of placeCombinations(f, used)) {
      for (const item_available of values(used, "item_available", [true, false])) {
        for (const hold_requestable of values(used, "hold_requestable", [null, true, false])) {
          // a title with full text online is not "everyone": only titles without it are asked about
          const d = f.tables.display_logic.evaluate({
            ...place,
            user_group,
            item_available,
            hold_requestable,
            full_text_online: false,
          });
          if (!d.output.hide.includes("digitization")) {
            shown = true;
            break search;
          }
          deciders.set(d.ruleId, d.ruleName ?? "the default rule");
        }
      }
    }
  }
  const inherited = new Set<number | null>(f.rules.display_logic.rules.filter((r) => r.inherited).map((r) => r.id));
  const problems = shown
    ? []
    : [...deciders].map(([id, name]) =>
        problem(
          "hides_digitization",
          subject("rule", { id, name }),
          id === null
            ? "The display logic’s default rule hides digitization from every patron."
            : `Display rule "${name}" hides digitization from every patron${inherited.has(id) ? " (set by the consortium)" : ""}.`,
          fixes.rules("display_logic", id),
          { detail: inherited.has(id) ? "consortium" : null },
        ),
      );
  return check(
    "display_rules_show_digitization",
    9,
    "No active display rule hides digitization from everyone",
    fixes.rules("display_logic"),
    problems,
  );
}

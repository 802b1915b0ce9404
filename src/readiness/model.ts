/**
 * The readiness check's answer (DOMAIN 10): one result per check, each failure naming what is
 * wrong and where it is fixed. Pure types and the few helpers every check uses.
 */

export const CHECK_IDS = [
  "libraries_served",
  "work_times_set",
  "places_have_printers",
  "delivery_rules_cover_groups",
  "default_digitization_rule",
  "approval_reasons_active",
  "display_rules_show_digitization",
  "delivery_letters_enabled",
  "letters_render",
  "places_have_operators",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = "pass" | "warn" | "fail";

/** Stable codes of what can be wrong; the staff page words each one in the reader's language. */
export const PROBLEM_KINDS = [
  "no_libraries",
  "no_digitizable_items",
  "library_unserved",
  "no_work_time",
  "no_printer",
  "no_user_groups",
  "no_group_may_request",
  "group_not_covered",
  "no_default_rule",
  "inactive_reason",
  "unknown_reason",
  "hides_digitization",
  "letter_disabled",
  "render_failed",
  "letter_not_in_language",
  "no_operators",
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const SUBJECT_TYPES = ["institution", "library", "department", "desk", "user_group", "rule", "letter"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What a problem is about, by its code (a rule by its id and name; the default rule has id null). */
export interface Subject {
  type: SubjectType;
  id: number | null;
  code: string | null;
  name: string | null;
}

/** Where it is fixed: the staff app's screen (under the institution's base) and the API call. */
export interface Fix {
  page: string;
  api: string;
}

export interface Problem {
  kind: ProblemKind;
  /** "warn" problems leave the check passing with a warning: the service still works */
  severity: "fail" | "warn";
  subject: Subject;
  /** a letter's language, when the problem is about one */
  language: string | null;
  /** more facts: the render error, the reason code, the delivery targets */
  detail: string | null;
  /** the same in one English sentence (the command line, API readers) */
  message: string;
  fix: Fix;
}

export interface CheckResult {
  id: CheckId;
  /** the step of the setup guide the check belongs to (DOMAIN: reference guide, steps 1-11) */
  step: number;
  title: string;
  status: CheckStatus;
  /** the screen of the whole step, for a check that fails or warns */
  fix: Fix;
  problems: Problem[];
}

export const check = (id: CheckId, step: number, title: string, fix: Fix, problems: Problem[]): CheckResult => ({
  id,
  step,
  title,
  status: problems.some((p) => p.severity === "fail") ? "fail" : problems.length > 0 ? "warn" : "pass",
  fix,
  problems,
});

export const problem = (
  kind: ProblemKind,
  subject: Subject,
  message: string,
  fix: Fix,
  more: { severity?: "fail" | "warn"; language?: string | null; detail?: string | null } = {},
): Problem => ({
  kind,
  severity: more.severity ?? "fail",
  subject,
  language: more.language ?? null,
  detail: more.detail ?? null,
  message,
  fix,
});

export const subject = (
  type: SubjectType,
  row: { id?: number | null; code?: string | null; name?: string | null } = {},
): Subject => ({ type, id: row.id ?? null, code: row.code ?? null, name: row.name ?? null });

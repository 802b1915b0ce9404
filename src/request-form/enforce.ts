import { problem, type FieldProblem } from "../errors.js";
import type { RequestForm } from "../requests/form.js";
import { pick, type RequestFormConfig } from "./model.js";

/*
 * What the institution's form configuration demands of a request, on every way one is placed
 * (/api/v1 and /almaws): mandatory fields answered, mandatory custom checkboxes ticked, no
 * unknown checkbox. A field the configuration hides from the public is not demanded of a patron
 * placing for themselves (their form does not show it); staff placing for a patron see every field.
 */

export interface FormAnswers {
  form: RequestForm;
  /** the codes of the custom checkboxes ticked */
  checkboxes: readonly string[];
}

function answered(form: RequestForm, code: string): boolean {
  const v = (form as Record<string, unknown>)[code];
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return v.trim().length > 0;
  return v !== undefined && v !== null;
}

export function checkFormAgainstConfig(
  config: RequestFormConfig,
  answers: FormAnswers,
  options: { placedByPatron: boolean },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of [...config.fields].sort((a, b) => a.order - b.order)) {
    if (!field.mandatory || field.code === "partial_digitization") continue;
    if (options.placedByPatron && !field.display_to_public) continue;
    // Pages and a chapter only make sense for part of an item.
    const partOnly = ["required_pages_range", "full_chapter", "chapter_or_article_title", "chapter_or_article_author"];
    if (answers.form.partial_digitization === false && partOnly.includes(field.code)) continue;
    if (!answered(answers.form, field.code)) {
      problems.push(
        field.code === "copyrights_declaration_signed_by_patron"
          ? problem(field.code, (m) => m.fields.declaration, "is required: the copyright declaration must be accepted")
          : problem(
              field.code,
              (m) => m.fields.mandatory,
              `is required by this library’s request form (${pick(field.label, "en") ?? field.code})`,
            ),
      );
    }
  }
  const known = new Set(config.checkboxes.map((b) => b.code));
  for (const code of answers.checkboxes) {
    if (!known.has(code))
      problems.push(
        problem(`custom_checkboxes.${code}`, (m) => m.fields.unknownCheckbox, "is not a checkbox of this form"),
      );
  }
  for (const box of config.checkboxes) {
    if (box.mandatory && !answers.checkboxes.includes(box.code)) {
      problems.push(
        problem(
          `custom_checkboxes.${box.code}`,
          (m) => m.fields.mandatoryTick,
          `must be ticked: ${pick(box.label, "en") ?? box.code}`,
        ),
      );
    }
  }
  return problems;
}

/** The answers stored with the request: every checkbox of the form, ticked or not, with its label then. */
export function checkboxAnswers(config: RequestFormConfig, ticked: readonly string[]) {
  return config.checkboxes.map((b) => ({
    code: b.code,
    label: pick(b.label, "en") ?? b.code,
    checked: ticked.includes(b.code),
  }));
}

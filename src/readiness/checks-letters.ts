import { primarySubtag } from "../letters/built-in/index.js";
import type { LetterCode } from "../letters/letter-codes.js";
import type { Workflow } from "../rules/engine/workflow.js";
import { fixes } from "./addresses.js";
import type { ReadinessFacts } from "./facts.js";
import { check, problem, subject, type CheckResult } from "./model.js";

/** The checks of the letters patrons get (setup guide step 10). */

type Facts = Pick<ReadinessFacts, "rules" | "letters" | "renders">;

/**
 * The letters a delivery target sends (requests/deliver.ts): the attachment letter, and the link
 * letter for a file too large to attach; link and repository deliveries send the link letter.
 */
const LETTERS_OF_TARGET: Record<Workflow["target"], LetterCode[]> = {
  attachment: ["digitization_notification_item", "document_delivery_notification"],
  link: ["document_delivery_notification"],
  repository: ["document_delivery_notification"],
};

export function deliveryLettersEnabled(f: Facts): CheckResult {
  const d = f.rules.digitization;
  const targets = new Set(
    [d.defaultOutput, ...d.rules.filter((r) => r.enabled).map((r) => r.output)]
      .map((o) => (o as { target?: Workflow["target"] } | null)?.target)
      .filter((t): t is Workflow["target"] => !!t && t in LETTERS_OF_TARGET),
  );
  const needed = new Map<LetterCode, Workflow["target"][]>();
  for (const target of targets)
    for (const code of LETTERS_OF_TARGET[target]) needed.set(code, [...(needed.get(code) ?? []), target]);
  const problems = [...needed]
    .filter(([code]) => f.letters.get(code) !== true)
    .map(([code, by]) =>
      problem(
        "letter_disabled",
        subject("letter", { code }),
        `Letter ${code} is disabled, but digitization rules deliver by ${by.join(" and ")}: patrons would not be told their file is ready.`,
        fixes.letter(code),
        { detail: by.join(",") },
      ),
    );
  return check(
    "delivery_letters_enabled",
    10,
    "The letter of each delivery method in use is enabled",
    fixes.letters(),
    problems,
  );
}

export function lettersRender(f: Facts): CheckResult {
  const problems = f.renders.flatMap((r) => {
    if (r.error !== null) {
      return [
        problem(
          "render_failed",
          subject("letter", { code: r.code }),
          `Letter ${r.code} does not render in ${r.language} (text ${r.templateLanguage}): ${r.error}.`,
          fixes.letterText(r.code, r.templateLanguage),
          { language: r.language, detail: r.error },
        ),
      ];
    }
    if (primarySubtag(r.templateLanguage) === primarySubtag(r.language)) return [];
    return [
      problem(
        "letter_not_in_language",
        subject("letter", { code: r.code }),
        `Letter ${r.code} has no text in ${r.language}: patrons who prefer it get it in ${r.templateLanguage}.`,
        fixes.letterText(r.code, r.language),
        { severity: "warn", language: r.language, detail: r.templateLanguage },
      ),
    ];
  });
  return check("letters_render", 10, "Letters render in every language patrons prefer", fixes.letters(), problems);
}

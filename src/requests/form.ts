import { z } from "zod";
import { problem, type FieldProblem } from "../errors.js";
import { sayOnFailure, type CheckSentence } from "../shared/messages/index.js";
import { comparePages, pagesInRange, parsePageNumber } from "./page-numbers.js";

/*
 * The patron request form of DOMAIN 5.6, in the reference platform's JSON shape. Which fields
 * are mandatory or shown is configurable later; what is checked here always holds.
 */

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
/** A real calendar day written YYYY-MM-DD (no 30 February). */
export function isRealDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/**
 * A text that must match a pattern. A refinement rather than zod's regex, so that its failure
 * names the sentence it is said with (a regex issue cannot); the pattern stays in the API's description.
 */
const matching = (schema: z.ZodString, pattern: RegExp, message: string, sentence: CheckSentence) =>
  schema.refine((v) => pattern.test(v), { message, params: sayOnFailure(sentence) }).meta({ pattern: pattern.source });

// One check, so that a bad date gives one error rather than one per failed rule.
const isoDate = z
  .string()
  .refine(isRealDate, { message: "must be a real date as YYYY-MM-DD", params: sayOnFailure("realDate") });

const pageField = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => parsePageNumber(v) !== null, {
    message: "must be a page number such as 12 or xii",
    params: sayOnFailure("pageNumber"),
  });

const pageRangeSchema = z.object({ from_page: pageField, to_page: pageField }).refine(
  (r) => {
    const from = parsePageNumber(r.from_page);
    const to = parsePageNumber(r.to_page);
    // An unreadable page is reported by the field itself; only order readable ones.
    return !from || !to || comparePages(from, to) <= 0;
  },
  {
    message: "from_page must not come after to_page",
    path: ["from_page"],
    params: sayOnFailure("pagesBackwards"),
  },
);

export const requestFormSchema = z.object({
  partial_digitization: z.boolean().default(true),
  chapter_or_article_title: text(1000).optional(),
  chapter_or_article_author: text(500).optional(),
  volume: text(100).optional(),
  issue: text(100).optional(),
  part: text(100).optional(),
  date_of_publication: text(100).optional(),
  required_pages_range: z.array(pageRangeSchema).optional(),
  full_chapter: z.boolean().optional(),
  comment: text(4000).optional(),
  last_interest_date: isoDate.optional(),
  description: text(500).optional(),
  doi: matching(text(255), /^10\.\d{4,9}\/\S+$/, "must be a DOI such as 10.1000/xyz123", "doi").optional(),
  pmid: matching(text(20), /^\d{1,12}$/, "must be a PubMed id (digits only)", "pmid").optional(),
  copyrights_declaration_signed_by_patron: z.boolean().optional(),
});

export type RequestForm = z.infer<typeof requestFormSchema>;

interface CrossCheckOptions {
  /**
   * The reference platform's discovery forms put the pages of a partial request in `comment`
   * (with empty or no ranges): the compatibility routes accept a comment as saying which part,
   * for staff to read. Recto's own form sends ranges, which the page cap and the rules need.
   */
  pagesMayBeInComment?: boolean;
}

/** Checks that need more than one field, or the clock. */
export function crossCheckForm(form: RequestForm, today: string, options: CrossCheckOptions = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (form.partial_digitization) {
    const inComment = options.pagesMayBeInComment === true && !!form.comment?.trim();
    const says =
      (form.required_pages_range?.length ?? 0) > 0 ||
      !!form.chapter_or_article_title ||
      form.full_chapter === true ||
      inComment;
    if (!says) {
      problems.push(
        options.pagesMayBeInComment
          ? problem(
              "required_pages_range",
              (m) => m.fields.whichPartOrComment,
              "a partial request must say which part: give page ranges, a chapter or article title, full_chapter, or the pages in comment",
            )
          : problem(
              "required_pages_range",
              (m) => m.fields.whichPart,
              "a partial request must say which part: give page ranges, a chapter or article title, or full_chapter",
            ),
      );
    }
  }
  if (form.full_chapter && !form.chapter_or_article_title) {
    problems.push(
      problem(
        "chapter_or_article_title",
        (m) => m.fields.chapterTitleForWholeChapter,
        "is required when full_chapter is true",
      ),
    );
  }
  if (form.last_interest_date && form.last_interest_date < today) {
    problems.push(problem("last_interest_date", (m) => m.fields.pastDate, "must not be in the past"));
  }
  return problems;
}

/** Pages asked for, when the ranges say; null for a whole item or a chapter without pages. */
export function pagesRequested(form: RequestForm): number | null {
  if (!form.partial_digitization || !form.required_pages_range?.length) return null;
  return form.required_pages_range.reduce(
    (sum, r) => sum + pagesInRange(parsePageNumber(r.from_page)!, parsePageNumber(r.to_page)!),
    0,
  );
}

import { rectoReasonLabel } from "./reasons.js";
import type { LetterData } from "./render.js";

/**
 * The variables every letter can use, filled with sample values for previews and test sends.
 * The worker fills the same shape from the request (send-letter.ts); docs/letters.md lists them.
 * `request.reason` is the label of the reason in the letter's language, `request.reason_code` its code.
 */
export function sampleLetterData(
  institution: { name: string; code: string },
  publicUrl: string,
  language = "en",
): LetterData {
  return {
    institution: { name: institution.name, code: institution.code },
    patron: { first_name: "Ada", last_name: "Lovelace", email: "ada@example.edu" },
    request: {
      id: "1234",
      title: "Sketch of the Analytical Engine",
      author: "Menabrea, L. F.",
      chapter: "Note G",
      pages: "1-25",
      request_date: "2026-03-02",
      outcome: "CANCELLED",
      outcome_text: "cancelled",
      reason: rectoReasonLabel("CannotBeFulfilled", language),
      reason_code: "CannotBeFulfilled",
      note: null,
    },
    item: { barcode: "39012345678901" },
    delivery: {
      target: "link",
      max_views: 5,
      expiry_date: "2026-03-16",
      files: [{ file_name: "note-g.pdf", size_bytes: 123456, pages: 25 }],
      links: [{ file_name: "note-g.pdf", url: `${publicUrl}/api/v1/downloads/SAMPLE-TOKEN` }],
    },
    today: "2026-03-02",
  };
}

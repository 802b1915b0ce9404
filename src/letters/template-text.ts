import type { LetterCode } from "./letter-codes.js";

/** One letter in one language: what an institution writes and what Recto ships. */
export interface TemplateText {
  subject: string;
  body_html: string;
  body_text: string;
}

/** Every letter's text in one language. */
export type LetterTexts = Record<LetterCode, TemplateText>;

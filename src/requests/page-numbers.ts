import { romanToNumber } from "../shared/roman-numerals.js";

/**
 * Page numbers as patrons write them: arabic ("345") or roman ("xii", preliminary pages).
 * Roman pages come before arabic ones in a book, so they sort first.
 */

type PageNumber = { kind: "roman" | "arabic"; value: number; text: string };

export function parsePageNumber(raw: string): PageNumber | null {
  const text = raw.trim();
  if (/^\d{1,6}$/.test(text)) {
    const value = Number(text);
    return value >= 1 ? { kind: "arabic", value, text } : null;
  }
  const roman = romanToNumber(text);
  return roman ? { kind: "roman", value: roman, text } : null;
}

/** Negative when a comes before b in the book. */
export function comparePages(a: PageNumber, b: PageNumber): number {
  if (a.kind !== b.kind) return a.kind === "roman" ? -1 : 1;
  return a.value - b.value;
}

/**
 * Pages in a range. A range that crosses from roman into arabic counts the roman pages up to
 * the end of that run as unknown, so only the arabic part is counted: an undercount is safer
 * for copyright percentages than a guess.
 */
export function pagesInRange(from: PageNumber, to: PageNumber): number {
  if (from.kind === to.kind) return to.value - from.value + 1;
  return to.value;
}

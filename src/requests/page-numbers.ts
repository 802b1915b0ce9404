/**
 * Page numbers as patrons write them: arabic ("345") or roman ("xii", preliminary pages).
 * Roman pages come before arabic ones in a book, so they sort first.
 */

export type PageNumber = { kind: "roman" | "arabic"; value: number; text: string };

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
const ROMAN_RE = /^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

export function parseRoman(text: string): number | null {
  const s = text.toLowerCase();
  if (!s || !ROMAN_RE.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function parsePageNumber(raw: string): PageNumber | null {
  const text = raw.trim();
  if (/^\d{1,6}$/.test(text)) {
    const value = Number(text);
    return value >= 1 ? { kind: "arabic", value, text } : null;
  }
  const roman = parseRoman(text);
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

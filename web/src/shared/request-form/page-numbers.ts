/*
 * Page numbers as the server reads them (src/requests/page-numbers.ts): arabic "12" or a
 * well-formed roman numeral "xii"; roman pages come before arabic ones. The form checks the
 * same things before sending, so a patron sees the problem at once; the server still decides.
 */
const ROMAN = /^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

export interface PageNumber {
  kind: "roman" | "arabic";
  value: number;
}

export function parsePage(raw: string): PageNumber | null {
  const text = raw.trim();
  if (/^\d{1,6}$/.test(text)) {
    const value = Number(text);
    return value >= 1 ? { kind: "arabic", value } : null;
  }
  const r = text.toLowerCase();
  if (r === "" || !ROMAN.test(r)) return null;
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const v = VALUES[r[i]!]!;
    const next = VALUES[r[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return { kind: "roman", value: total };
}

/** Negative when a comes before b in the book. */
export function comparePages(a: PageNumber, b: PageNumber): number {
  if (a.kind !== b.kind) return a.kind === "roman" ? -1 : 1;
  return a.value - b.value;
}

/** "12-19,xii-xv" (the form's address) as ranges; a single page "7" is the range 7-7. */
export function parseRanges(text: string | null): { from: string; to: string }[] {
  if (!text) return [];
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [from = "", to] = part.split("-").map((p) => p.trim());
      return { from, to: to ?? from };
    });
}

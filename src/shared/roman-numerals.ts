const ROMAN = /^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/**
 * A well-formed roman numeral (either case) as a number; null for anything else, so "iiii" or
 * "ic" are not read as pages. Used for page numbers in requests and extents in records.
 */
export function romanToNumber(roman: string): number | null {
  const r = roman.toLowerCase();
  if (r === "" || !ROMAN.test(r)) return null;
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const v = VALUES[r[i]!]!;
    const next = VALUES[r[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

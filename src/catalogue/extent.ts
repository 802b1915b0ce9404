import { romanToNumber } from "../shared/roman-numerals.js";
/**
 * Page count from a physical description (MARC 300 $a), pure.
 *
 * The count feeds the "percentage of the work requested" rules (DOMAIN 5.5), whose question is
 * how much of the physical volume a copy takes. So every page sequence that is a page someone
 * would scan counts:
 *
 * - roman-numbered preliminaries: "xii, 345 p." -> 12 + 345 = 357;
 * - bracketed (unnumbered) pages: "[8], 120, [4] p." -> 132;
 * - plates: "345 p., [16] p. of plates" -> 361;
 * - paging given in parentheses: "1 score (45 p.)", "1 online resource (xv, 300 pages)";
 * - leaves count as stated ("120 leaves" -> 120): a leaf is one numbered unit as catalogued.
 *
 * Anything that states no paging ("1 v. (unpaged)", "2 v.", "1 map") gives null: an unknown
 * total is better than a guessed one, because a rule that needs a percentage then does not match.
 */

export { romanToNumber };

function tokenValue(token: string): number | null {
  const bare = token.replace(/^\[(.*)\]$/, "$1").trim();
  if (/^\d+$/.test(bare)) return Number(bare);
  return romanToNumber(bare);
}

// A run of comma-separated numbers (arabic, roman or bracketed) followed by a paging unit. A
// roman run needs a space before the unit, so that words such as "clip" are not read as "cli p".
const PAGING =
  /((?:\[?[0-9ivxlcdm]+\]?\s*,\s*)*\[?[0-9ivxlcdm]+\]?)(?:\s+|(?<=[\d\]]))(?:pp?\.|pp?\b|pages?\b|leaves\b|leaf\b)/gi;

export function pageCountFromExtent(extent: string | null | undefined): number | null {
  if (!extent) return null;
  let total = 0;
  let found = false;
  for (const m of extent.matchAll(PAGING)) {
    const start = m.index ?? 0;
    // the run must start a word: "ill., 345 p." must not read "ill" as part of the run
    if (start > 0 && /[a-z0-9]/i.test(extent[start - 1] as string)) continue;
    const tokens = (m[1] as string).split(",").map((t) => t.trim());
    // Keep the longest run of valid numbers that ends at the unit: a stray word before it drops out.
    let run = 0;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const v = tokenValue(tokens[i] as string);
      if (v === null) break;
      run += v;
      found = true;
    }
    total += run;
  }
  return found && total > 0 ? total : null;
}

import type { TextField, TextTerm } from "./search-query.js";

/*
 * Relevance of a search's candidates (pure), the same on both databases. The index finds the
 * records; this orders at most CANDIDATES of them (search-repository.ts), so its cost does not
 * grow with the number of matches. SQLite's bm25() could not do that: it counts every record
 * holding each word before scoring one (80 ms for a word in two records of three, at a million).
 *
 * BM25 without the inverse document frequency: each word or phrase found counts by the field it
 * is in (a title match outweighs a publisher's) and by how short that field is.
 */

export const CANDIDATES = 1000;

/** A candidate's searchable text; identifiers are the ISBN, ISSN and identifier values. */
export interface RankedText {
  id: number;
  title: string;
  author: string | null;
  subjects: string | null;
  publisher: string | null;
  identifiers: string;
}

type Field = Exclude<keyof RankedText, "id">;

const WEIGHT: Record<Field, number> = { title: 10, author: 4, subjects: 4, publisher: 1, identifiers: 1 };
const ALL: Field[] = ["title", "author", "subjects", "publisher", "identifiers"];
const SEARCHED: Record<TextField, Field[]> = {
  keyword: ALL,
  title: ["title"],
  author: ["author"],
  subject: ["subjects"],
};
const K1 = 1.2;
const B = 0.75;

/** Words as both indexes see them, near enough for counting: case and accents folded. */
export const words = (text: string | null): string[] =>
  (text ?? "")
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}\p{Co}]+/u)
    .filter((w) => w.length > 0);

function occurrences(haystack: string[], phrase: string[]): number {
  if (phrase.length === 0) return 0;
  let n = 0;
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    let k = 0;
    while (k < phrase.length && haystack[i + k] === phrase[k]) k++;
    if (k === phrase.length) n++;
  }
  return n;
}

/** The identifier values of a record's identifiers JSON, with its ISBN and ISSN. */
export function identifierText(isbn: string | null, issn: string | null, identifiers: unknown): string {
  const values: string[] = [isbn ?? "", issn ?? ""];
  const walk = (v: unknown): void => {
    if (typeof v === "string" || typeof v === "number") values.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  let parsed = identifiers;
  if (typeof identifiers === "string") {
    try {
      parsed = JSON.parse(identifiers);
    } catch {
      parsed = identifiers;
    }
  }
  walk(parsed);
  return values.join(" ");
}

export interface Ranked {
  id: number;
  /** lower is better, as the cursor compares it */
  rank: number;
}

/** The candidates best first (ties by id), each with its rank. */
export function rankCandidates(candidates: RankedText[], terms: TextTerm[]): Ranked[] {
  const docs = candidates.map((c) => ({
    id: c.id,
    fields: Object.fromEntries(ALL.map((f) => [f, words(c[f])])) as Record<Field, string[]>,
  }));
  const average = Object.fromEntries(
    ALL.map((f) => [f, Math.max(1, docs.reduce((sum, d) => sum + d.fields[f].length, 0) / Math.max(1, docs.length))]),
  ) as Record<Field, number>;
  const phrases = terms.map((t) => ({ fields: SEARCHED[t.field], alternatives: t.alternatives.map(words) }));
  const ranked = docs.map((d) => {
    let score = 0;
    for (const p of phrases) {
      for (const f of p.fields) {
        const tokens = d.fields[f];
        const tf = p.alternatives.reduce((sum, a) => sum + occurrences(tokens, a), 0);
        if (tf > 0) score += (WEIGHT[f] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * tokens.length) / average[f]));
      }
    }
    return { id: d.id, rank: -score };
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.id - b.id);
}

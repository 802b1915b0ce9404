import type { TextField, TextTerm } from "./search-query.js";

/*
 * Relevance of a search's candidates (pure), the same on both databases. The index finds the
 * records; this orders at most CANDIDATES of them (search-repository.ts), so its cost does not
 * grow with the number of matches. SQLite's bm25() could not do that: it counts every record
 * holding each word before scoring one (80 ms for a word in two records of three, at a million). Reading the candidates' text costs
 * a page each, so they are few: 500..
 *
 * BM25 without the inverse document frequency: each word or phrase found counts by the field it
 * is in (a title match outweighs a publisher's) and by how short that field is.
 */

export const CANDIDATES = 500;

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

// eslint-disable-next-line no-control-regex -- the whole ASCII range is what this looks for
const ASCII = /^[\u0000-\u007f]*$/;
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}\p{Co}]$/u;
/** What a non-ASCII character adds to a word once folded (often ""), or null between words. */
const folded = new Map<string, string | null>();

function foldCharacter(c: string): string | null {
  let f = folded.get(c);
  if (f === undefined) {
    f = WORD_CHARACTER.test(c)
      ? c
          .normalize("NFD")
          .replace(/\p{Mn}/gu, "")
          .toLowerCase()
      : null;
    folded.set(c, f);
  }
  return f;
}

/**
 * Words as both indexes see them, near enough for counting: case and accents folded. One pass
 * over the characters, each non-ASCII one folded once per process: ranking 500 records
 * splits thousands of fields, and normalising whole strings cost three times as much.
 */
export function words(text: string | null): string[] {
  const out: string[] = [];
  if (!text) return out;
  let word = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) word += text[i];
      else if (code >= 65 && code <= 90) word += String.fromCharCode(code + 32);
      else if (word) {
        out.push(word);
        word = "";
      }
      continue;
    }
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const f = foldCharacter(pair ? text.slice(i, i + 2) : text[i]!);
    if (pair) i++;
    if (f !== null) word += f;
    else if (word) {
      out.push(word);
      word = "";
    }
  }
  if (word) out.push(word);
  return out;
}

/** Whether a field may hold the word: an ASCII field that does not contain it, even inside another, does not. */
const mayHold = (text: string, word: string): boolean => !ASCII.test(text) || text.toLowerCase().includes(word);

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

/**
 * The candidates best first (ties by id), each with its rank. A field is split into words only
 * when it may hold the first word of a phrase: splitting is the cost of ranking.
 */
export function rankCandidates(candidates: RankedText[], terms: TextTerm[]): Ranked[] {
  const phrases = terms.map((t) => ({
    fields: SEARCHED[t.field],
    alternatives: t.alternatives.map(words).filter((a) => a.length > 0),
  }));
  // per candidate and field: the words' counts, and the field's length in words where found
  const found = candidates.map((c) => {
    const split = new Map<Field, string[]>();
    const hits: { field: Field; tf: number; length: number }[] = [];
    for (const p of phrases) {
      for (const f of p.fields) {
        let tf = 0;
        for (const a of p.alternatives) {
          const text = c[f] ?? "";
          if (!mayHold(text, a[0]!)) continue;
          let tokens = split.get(f);
          if (tokens === undefined) split.set(f, (tokens = words(text)));
          tf += occurrences(tokens, a);
        }
        if (tf > 0) hits.push({ field: f, tf, length: split.get(f)!.length });
      }
    }
    return { id: c.id, hits };
  });
  // the average length of each field among the candidates where a word was found in it
  const total = new Map<Field, { words: number; fields: number }>();
  for (const { hits } of found) {
    for (const h of hits) {
      const t = total.get(h.field) ?? { words: 0, fields: 0 };
      t.words += h.length;
      t.fields += 1;
      total.set(h.field, t);
    }
  }
  const ranked = found.map(({ id, hits }) => {
    let score = 0;
    for (const { field, tf, length } of hits) {
      const t = total.get(field)!;
      const average = Math.max(1, t.words / t.fields);
      score += (WEIGHT[field] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));
    }
    // 0 - score, not -score: no record ranks -0, which a cursor would write as 0
    return { id, rank: 0 - score };
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.id - b.id);
}

import { invalid } from "../errors.js";
import { isbn10CheckDigit, isbn13CheckDigit, normalizeIsbn, normalizeIssn } from "./standard-numbers.js";

/**
 * The catalogue search language (pure). A query is words and "quoted phrases"; a field prefix
 * (`title:`, `author:`, `subject:`, `isbn:`, `issn:`, `id:`) applies to everything after it
 * up to the next prefix, and `any:` returns to keyword search. Every word and phrase must be
 * found (AND). Unknown prefixes ("Science:") are ordinary words.
 */

export type TextField = "keyword" | "title" | "author" | "subject";

/** One word or phrase to find in a field; any of the alternatives will do (an ISBN's two forms). */
export interface TextTerm {
  field: TextField;
  alternatives: string[];
}

export interface SearchQuery {
  terms: TextTerm[];
  /** canonical ISBNs (the 10- and 13-digit forms of one book), any of which matches */
  isbns: string[][];
  issns: string[];
  /** identifier searches: the record's own number, or a phrase among its identifiers */
  ids: { text: string; bibId: number | null }[];
}

const PREFIXES = ["any", "keyword", "title", "author", "subject", "isbn", "issn", "id"] as const;
type Prefix = (typeof PREFIXES)[number];
const MAX_TERMS = 20;

const hasWord = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);

/** The two forms of a book's ISBN (13 digits from 978 converts to 10 and back), validated. */
export function isbnForms(raw: string): string[] | null {
  const compact = raw.replace(/[\s-]/g, "").toUpperCase();
  if (!/^(\d{9}[\dX]|\d{13})$/.test(compact)) return null;
  if (!normalizeIsbn(compact).ok) return [compact];
  if (compact.length === 10) {
    const body = `978${compact.slice(0, 9)}`;
    return [compact, body + isbn13CheckDigit(body)];
  }
  if (!compact.startsWith("978")) return [compact];
  const body = compact.slice(3, 12);
  return [compact, body + isbn10CheckDigit(body)];
}

/** A word typed in a keyword search that is a valid ISBN or ISSN is matched in its stored forms. */
function keywordAlternatives(word: string): string[] {
  if (/^[\d-]+[\dXx]$/.test(word)) {
    if (normalizeIsbn(word).ok) return isbnForms(word) ?? [word];
    const issn = normalizeIssn(word);
    if (issn.ok) return [issn.value];
  }
  return [word];
}

interface Segment {
  prefix: Prefix;
  items: { text: string; phrase: boolean }[];
}

function scan(q: string): Segment[] {
  const segments: Segment[] = [{ prefix: "any", items: [] }];
  let i = 0;
  while (i < q.length) {
    if (/\s/.test(q[i]!)) {
      i++;
      continue;
    }
    const prefix = /^([A-Za-z]+):/.exec(q.slice(i));
    const name = prefix?.[1]?.toLowerCase();
    if (prefix && (PREFIXES as readonly string[]).includes(name!)) {
      segments.push({ prefix: name as Prefix, items: [] });
      i += prefix[0].length;
      continue;
    }
    const current = segments[segments.length - 1]!;
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1);
      const stop = end === -1 ? q.length : end;
      current.items.push({ text: q.slice(i + 1, stop), phrase: true });
      i = stop + 1;
      continue;
    }
    const word = /^[^\s"]+/.exec(q.slice(i))![0];
    current.items.push({ text: word, phrase: false });
    i += word.length;
  }
  return segments.filter((s) => s.items.length > 0);
}

const fieldOf = (p: Exclude<Prefix, "isbn" | "issn" | "id">): TextField =>
  p === "any" || p === "keyword" ? "keyword" : p;

/**
 * Control characters (NUL among them, which PostgreSQL refuses in any text) separate words, and
 * an unpaired surrogate becomes U+FFFD, as it would on its way to either database anyway.
 */
const cleanText = (q: string): string =>
  q
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

export function parseSearchQuery(q: string): SearchQuery {
  const out: SearchQuery = { terms: [], isbns: [], issns: [], ids: [] };
  for (const { prefix, items } of scan(cleanText(q))) {
    const text = items.map((it) => it.text).join(" ");
    if (prefix === "isbn") {
      const forms = isbnForms(text);
      if (!forms)
        throw invalid("q", `isbn: "${text}" must be an ISBN of 10 or 13 digits (hyphens are ignored)`, (m) =>
          m.search.isbn(text),
        );
      out.isbns.push(forms);
    } else if (prefix === "issn") {
      const compact = text.replace(/[\s-]/g, "").toUpperCase();
      if (!/^\d{7}[\dX]$/.test(compact))
        throw invalid("q", `issn: "${text}" must have the form NNNN-NNNX`, (m) => m.search.issn(text));
      out.issns.push(`${compact.slice(0, 4)}-${compact.slice(4)}`);
    } else if (prefix === "id") {
      if (!hasWord(text)) throw invalid("q", "id: must be followed by an identifier", (m) => m.search.id);
      const n = Number(text);
      out.ids.push({ text, bibId: /^\d{1,15}$/.test(text) && Number.isSafeInteger(n) && n > 0 ? n : null });
    } else {
      const field = fieldOf(prefix);
      for (const item of items) {
        if (!hasWord(item.text)) continue;
        const alternatives = field === "keyword" && !item.phrase ? keywordAlternatives(item.text) : [item.text];
        out.terms.push({ field, alternatives });
      }
    }
  }
  const count = out.terms.length + out.isbns.length + out.issns.length + out.ids.length;
  if (count === 0) throw invalid("q", "has no words or numbers to search for", (m) => m.search.nothing);
  if (count > MAX_TERMS)
    throw invalid("q", `has more than ${MAX_TERMS} words and phrases; narrow it down`, (m) =>
      m.search.tooManyTerms(MAX_TERMS),
    );
  return out;
}

import { AppError, type FieldProblem } from "../errors.js";
import { pageCountFromExtent } from "./extent.js";
import { normalizeIsbn, normalizeIssn } from "./standard-numbers.js";
import type { MaterialType } from "../shared/material-types.js";

/** The extracted fields of a bibliographic record (DOMAIN 3) and how input becomes them. Pure. */

export { MATERIAL_TYPES, type MaterialType } from "../shared/material-types.js";

export interface Identifiers {
  oclc?: string;
  lccn?: string;
  system_numbers?: string[];
}

export interface BibFields {
  title: string;
  author: string | null;
  publisher: string | null;
  publication_date: string | null;
  publication_year: number | null;
  edition: string | null;
  isbn: string | null;
  issn: string | null;
  language: string | null;
  material_type: MaterialType;
  extent: string | null;
  page_count: number | null;
  identifiers: Identifiers;
  /** where the full text can be read online: display logic's full_text_online */
  full_text_url: string | null;
}

export const MAX_URL_LENGTH = 2000;

/** An absolute http or https URL with a host, as a patron's browser could open it. */
export function isWebUrl(s: string): boolean {
  if (s.length > MAX_URL_LENGTH || /\s/.test(s)) return false;
  try {
    const url = new URL(s);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** What a caller sends: every field but the title may be left out. */
export type BibInput = Partial<BibFields> & { title: string };

export function parseIdentifiers(json: string): Identifiers {
  const raw = JSON.parse(json) as Identifiers;
  const out: Identifiers = {};
  if (raw.oclc) out.oclc = raw.oclc;
  if (raw.lccn) out.lccn = raw.lccn;
  if (raw.system_numbers?.length) out.system_numbers = raw.system_numbers;
  return out;
}

export const identifiersJson = (ids: Identifiers): string => JSON.stringify(parseIdentifiers(JSON.stringify(ids)));

/**
 * Canonicalises the standard numbers and the language code; every bad field is reported at
 * once, so a form can mark them all.
 */
function canonical<T extends { isbn?: string | null; issn?: string | null; language?: string | null }>(input: T): T {
  const problems: FieldProblem[] = [];
  const out = { ...input };
  if (input.isbn) {
    const r = normalizeIsbn(input.isbn);
    if (r.ok) out.isbn = r.value;
    else problems.push({ field: "isbn", message: r.reason });
  }
  if (input.issn) {
    const r = normalizeIssn(input.issn);
    if (r.ok) out.issn = r.value;
    else problems.push({ field: "issn", message: r.reason });
  }
  if (input.language) out.language = input.language.toLowerCase();
  if (problems.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: problems.map((p) => `${p.field} ${p.message}`).join("; "),
      fields: problems,
    });
  }
  return out;
}

export function newBibFields(input: BibInput): BibFields {
  const c = canonical(input);
  const extent = c.extent ?? null;
  return {
    title: c.title,
    author: c.author ?? null,
    publisher: c.publisher ?? null,
    publication_date: c.publication_date ?? null,
    publication_year: c.publication_year ?? null,
    edition: c.edition ?? null,
    isbn: c.isbn || null,
    issn: c.issn || null,
    language: c.language || null,
    material_type: c.material_type ?? "BOOK",
    extent,
    page_count: c.page_count ?? pageCountFromExtent(extent),
    identifiers: c.identifiers ?? {},
    full_text_url: c.full_text_url ?? null,
  };
}

/**
 * The columns a change touches. A page count given wins; a new extent that states pages
 * re-derives the count, and one that states none leaves the old count alone (it may have been
 * entered by hand for a record whose extent says "1 v. (unpaged)").
 */
export function changedBibFields(patch: Partial<BibFields>): Partial<BibFields> {
  const c = canonical(patch);
  const out: Partial<BibFields> = { ...c };
  for (const key of ["isbn", "issn", "language"] as const) if (key in c && !c[key]) out[key] = null;
  if (c.page_count === undefined && c.extent) {
    const derived = pageCountFromExtent(c.extent);
    if (derived !== null) out.page_count = derived;
  }
  return out;
}

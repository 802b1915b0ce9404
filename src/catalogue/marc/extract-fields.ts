import { pageCountFromExtent } from "../extent.js";
import { isWebUrl, type BibFields, type Identifiers, type MaterialType } from "../bib-fields.js";
import { normalizeIsbn, normalizeIssn } from "../standard-numbers.js";
import { controlValue, dataFields, firstSubfield, subfieldValues, type MarcRecord } from "./record.js";

/**
 * The fields Recto keeps from a MARC bibliographic record (DOMAIN 3), pure. Page counts come
 * from `pageCountFromExtent`: "xii, 345 p." counts 357 pages, preliminaries included, because
 * the count answers how much of the volume a copy takes.
 */

export interface ExtractedBib extends BibFields {
  statement_of_responsibility: string | null;
  subjects: string | null;
}

/** ISBD punctuation that ends a MARC subfield (" /", " :", " ;", ",", a final period) is not part of the value. */
export function trimPunctuation(s: string): string {
  let out = s
    .trim()
    .replace(/\s*[/:;,=]+$/, "")
    .trim();
  // a period ends the value unless it closes an abbreviation or initial ("Md.", "J.")
  // (only looked for when there is a final period: unanchored, the pattern is tried from every position)
  if (out.endsWith(".") && (/[^.\s]{4,}\.$/.test(out) || /[)\]]\.$/.test(out))) out = out.slice(0, -1);
  return out.trim();
}

const joined = (parts: string[]): string | null => {
  const s = trimPunctuation(
    parts
      .map((p) => p.trim())
      .filter(Boolean)
      .join(" "),
  );
  return s === "" ? null : s;
};

/** Leader/06-07 and 008 say what the resource is; DOMAIN 3's material types are coarser. */
export function materialTypeOf(rec: MarcRecord): MaterialType {
  const type = rec.leader[6];
  const level = rec.leader[7];
  const f008 = controlValue(rec, "008") ?? "";
  switch (type) {
    case "a":
      if (level === "s" || level === "b" || level === "i") return "JOURNAL";
      if (/m/.test(f008.slice(24, 28)) || dataFields(rec, "502").length > 0) return "THESIS";
      // 008/28 government publication: f federal/national, s state, l local, etc.; blank/| none
      if (/[acfilmosz]/.test(f008[28] ?? "")) return "GOVERNMENT_DOCUMENT";
      return "BOOK";
    case "t":
      return "MANUSCRIPT";
    case "c":
    case "d":
      return "SCORE";
    case "e":
    case "f":
      return "MAP";
    case "i":
    case "j":
      return "SOUND_RECORDING";
    case "g":
      return "VIDEO";
    default:
      return "OTHER";
  }
}

/** 008/07-10 when it is a year; else the first four-digit year in 260/264 $c. */
function publicationYear(f008: string | null, dateText: string | null): number | null {
  const y = f008?.slice(7, 11) ?? "";
  if (/^\d{4}$/.test(y) && y !== "0000" && y !== "9999") return Number(y);
  const m = dateText?.match(/\b(1[0-9]{3}|20[0-9]{2})\b/);
  return m ? Number(m[1]) : null;
}

function firstValid(values: string[], check: (s: string) => { ok: boolean; value?: string }): string | null {
  for (const v of values) {
    // "0-19-852663-6 (pbk.)": the number is the first token
    const token = v.trim().split(/\s+/)[0] ?? "";
    const r = check(token);
    if (r.ok && r.value) return r.value;
  }
  return null;
}

function identifiersOf(rec: MarcRecord): Identifiers {
  const ids: Identifiers = {};
  const system: string[] = [];
  const control = controlValue(rec, "001")?.trim();
  const org = controlValue(rec, "003")?.trim();
  if (control) {
    if (org === "OCoLC") ids.oclc = control.replace(/^(ocm|ocn|on)/, "");
    else system.push(org ? `(${org})${control}` : control);
  }
  for (const f of dataFields(rec, "035")) {
    for (const a of subfieldValues(f, "a")) {
      const v = a.trim();
      const oclc = v.match(/^\(OCoLC\)\s*(?:ocm|ocn|on)?0*(\d+)/);
      if (oclc) ids.oclc ??= oclc[1] as string;
      else if (v && !system.includes(v)) system.push(v);
    }
  }
  const lccn = firstSubfield(dataFields(rec, "010")[0], "a")?.trim();
  if (lccn) ids.lccn = lccn;
  if (system.length) ids.system_numbers = system;
  return ids;
}

function subjectsOf(rec: MarcRecord): string | null {
  const tags = ["600", "610", "611", "630", "648", "650", "651", "653", "655"];
  const out: string[] = [];
  for (const f of dataFields(rec, ...tags)) {
    const heading = f.subfields
      .filter((s) => /[a-z]/.test(s.code) && s.code !== "2")
      .map((s) => trimPunctuation(s.value))
      .filter(Boolean)
      .join(" -- ");
    if (heading && !out.includes(heading)) out.push(heading);
  }
  return out.length ? out.join("\n") : null;
}

// 856 $3 (materials specified) and $z (public note) say when a link is only about the book.
const NOT_THE_TEXT =
  /table of contents|\btoc\b|cover image|book cover|publisher description|contributor (biographical information|description)|\bsample/i;

/**
 * Where the title's full text is online: the first 856 whose second indicator says it links to
 * the resource itself (0) or a version of it (1), with an http(s) $u, that its $3 and $z do not
 * call a table of contents, cover image, publisher or contributor description, or sample.
 * Related resources (2) and unstated relations (blank, 8) do not count: they are as often a
 * finding aid or a review as the text.
 */
export function fullTextUrlOf(rec: MarcRecord): string | null {
  for (const f of dataFields(rec, "856")) {
    if (f.ind2 !== "0" && f.ind2 !== "1") continue;
    if (subfieldValues(f, "3z").some((note) => NOT_THE_TEXT.test(note))) continue;
    const url = subfieldValues(f, "u")
      .map((u) => u.trim())
      .find(isWebUrl);
    if (url) return url;
  }
  return null;
}

export function extractBib(rec: MarcRecord): ExtractedBib {
  const f245 = dataFields(rec, "245")[0];
  const title = joined(f245 ? subfieldValues(f245, "abnp") : []) ?? "[no title]";
  const main = dataFields(rec, "100", "110", "111")[0] ?? dataFields(rec, "700", "710", "711")[0];
  const author = main ? joined(subfieldValues(main, main.tag.endsWith("11") ? "acdn" : "abcdq")) : null;
  const publication =
    dataFields(rec, "264").find((f) => f.ind2 === "1") ?? dataFields(rec, "260")[0] ?? dataFields(rec, "264")[0];
  const dateText = publication ? joined(subfieldValues(publication, "c")) : null;
  const f008 = controlValue(rec, "008");
  const language008 = f008?.slice(35, 38) ?? "";
  const extent = joined(dataFields(rec, "300")[0] ? subfieldValues(dataFields(rec, "300")[0]!, "a") : []);
  return {
    title,
    statement_of_responsibility: joined(f245 ? subfieldValues(f245, "c") : []),
    author,
    publisher: publication ? joined(subfieldValues(publication, "b")) : null,
    publication_date: dateText,
    publication_year: publicationYear(f008, dateText),
    edition: joined(dataFields(rec, "250")[0] ? subfieldValues(dataFields(rec, "250")[0]!, "a") : []),
    isbn: firstValid(
      dataFields(rec, "020").flatMap((f) => subfieldValues(f, "a")),
      normalizeIsbn,
    ),
    issn: firstValid(
      dataFields(rec, "022").flatMap((f) => subfieldValues(f, "a")),
      normalizeIssn,
    ),
    language: /^[a-z]{3}$/.test(language008)
      ? language008
      : (firstSubfield(dataFields(rec, "041")[0], "a")?.slice(0, 3).toLowerCase() ?? null),
    material_type: materialTypeOf(rec),
    extent,
    page_count: pageCountFromExtent(extent),
    identifiers: identifiersOf(rec),
    subjects: subjectsOf(rec),
    full_text_url: fullTextUrlOf(rec),
  };
}

/** MFHD (holdings) records have leader/06 u, v, x or y; they carry holdings, not a title. */
export const isHoldingsRecord = (rec: MarcRecord): boolean => /[uvxy]/.test(rec.leader[6] ?? "");

/**
 * The key a re-import matches on: the exporting system's control number (001, qualified by its
 * 003) when there is one, since it is stable across that system's exports; then the OCLC number,
 * then the LCCN; a record with none of them is keyed by its content, so importing the same file
 * twice still finds it.
 */
export function recordKey(rec: MarcRecord, contentHash: () => string): string {
  const control = controlValue(rec, "001")?.trim();
  const org = controlValue(rec, "003")?.trim();
  if (control) return org ? `001:${org}:${control}` : `001:${control}`;
  const ids = identifiersOf(rec);
  if (ids.oclc) return `oclc:${ids.oclc}`;
  if (ids.lccn) return `lccn:${ids.lccn}`;
  return `sha256:${contentHash()}`;
}

import { isbnForms } from "./search-query.js";
import { normalizeIssn } from "./standard-numbers.js";

/*
 * OpenURL citations (pure): version 0.1 (`genre`, `atitle`, `title`, `aulast`, `issn`, `spage`,
 * `id=doi:…`, `sid`) and 1.0 key/encoded-value (`url_ver=Z39.88-2004`, `rft.*`,
 * `rft_id=info:doi/…`). Unknown keys are ignored; a key given twice keeps its first value
 * (identifiers are collected from every `id`/`rft_id`). Values are trimmed, control characters
 * removed and cut at MAX_VALUE characters. A query whose percent-encoding is broken, that is longer
 * than MAX_QUERY, or that names nothing to look for (no title, standard number or identifier) is
 * unreadable.
 */

export const MAX_QUERY = 8192;
const MAX_VALUE = 500;

export interface Citation {
  version: "0.1" | "1.0";
  genre: string | null;
  /** the article's or chapter's title */
  atitle: string | null;
  /** the journal's or book's title */
  title: string | null;
  author: string | null;
  /** the author's last name alone, for matching */
  aulast: string | null;
  volume: string | null;
  issue: string | null;
  spage: string | null;
  epage: string | null;
  pages: string | null;
  date: string | null;
  issn: string | null;
  isbn: string | null;
  doi: string | null;
  pmid: string | null;
  oclc: string | null;
  /** who sent the patron (sid / rfr_id), for the record */
  source: string | null;
}

export type ParsedOpenUrl = { ok: true; citation: Citation } | { ok: false; reason: "malformed" | "empty" };

const clean = (v: string): string | null => {
  const s = v
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_VALUE)
    .trim();
  return s === "" ? null : s;
};

/** key=value pairs of a query string; null when the percent-encoding is broken. */
function pairs(query: string): [string, string][] | null {
  const out: [string, string][] = [];
  for (const part of query.replace(/^\?/, "").split(/&(?:amp;)?|;(?=[a-z_.]+=)/i)) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? "" : part.slice(eq + 1);
    try {
      out.push([
        decodeURIComponent(rawKey.replace(/\+/g, " ")).trim().toLowerCase(),
        decodeURIComponent(rawValue.replace(/\+/g, " ")),
      ]);
    } catch {
      return null;
    }
  }
  return out;
}

/** An identifier of `rft_id` (info:doi/…, info:pmid/…, info:oclcnum/…, a doi.org address) or of 0.1's `id` (doi:…). */
function identifier(value: string): { kind: "doi" | "pmid" | "oclc"; value: string } | null {
  const v = value.trim();
  const m =
    /^info:(doi|pmid|oclcnum)\/(.+)$/i.exec(v) ??
    /^(doi|pmid|oclcnum|oclc):\s*(.+)$/i.exec(v) ??
    /^https?:\/\/(?:dx\.)?(doi)\.org\/(.+)$/i.exec(v);
  if (!m) return /^10\.\d{4,9}\/\S+$/.test(v) ? { kind: "doi", value: v } : null;
  const kind = m[1]!.toLowerCase();
  const rest = clean(m[2]!);
  if (!rest) return null;
  if (kind === "doi") return /^10\.\d{4,9}\/\S+$/.test(rest) ? { kind: "doi", value: rest } : null;
  if (kind === "pmid") return /^\d{1,10}$/.test(rest) ? { kind: "pmid", value: rest } : null;
  const oclc = /^(?:\(OCoLC\))?(?:ocm|ocn|on)?0*(\d{1,15})$/i.exec(rest);
  return oclc ? { kind: "oclc", value: oclc[1]! } : null;
}

function isbnOf(v: string | null): string | null {
  if (!v) return null;
  const forms = isbnForms(v.replace(/\s*\(.*$/, ""));
  return forms ? forms[0]! : null;
}

function issnOf(v: string | null): string | null {
  if (!v) return null;
  const r = normalizeIssn(v.replace(/\s/g, ""));
  return r.ok && r.value ? r.value : null;
}

export function parseOpenUrl(query: string): ParsedOpenUrl {
  if (query.length > MAX_QUERY) return { ok: false, reason: "malformed" };
  const kv = pairs(query);
  if (!kv) return { ok: false, reason: "malformed" };
  const first = new Map<string, string>();
  const ids: string[] = [];
  for (const [k, v] of kv) {
    if (k === "id" || k === "rft_id" || k === "pid") ids.push(v);
    else if (!first.has(k) && clean(v) !== null) first.set(k, v);
  }
  const v1 =
    first.get("url_ver")?.trim() === "Z39.88-2004" ||
    first.has("ctx_ver") ||
    [...first.keys()].some((k) => k.startsWith("rft.")) ||
    kv.some(([k]) => k === "rft_id");
  // 1.0 fields are rft.NAME; 0.1 fields are NAME. A 1.0 query may still carry 0.1's sid.
  const get = (name: string): string | null => {
    const raw = first.get(v1 ? `rft.${name}` : name) ?? (v1 ? undefined : first.get(`rft.${name}`));
    return raw === undefined ? null : clean(raw);
  };

  const found: Partial<Record<"doi" | "pmid" | "oclc", string>> = {};
  for (const raw of ids) {
    const id = identifier(raw);
    if (id && !found[id.kind]) found[id.kind] = id.value;
  }
  const aulast = get("aulast");
  const aufirst = get("aufirst") ?? get("auinit");
  const author = get("au") ?? (aulast ? [aulast, aufirst].filter(Boolean).join(", ") : null);
  const citation: Citation = {
    version: v1 ? "1.0" : "0.1",
    genre: get("genre"),
    atitle: get("atitle"),
    title: get("jtitle") ?? get("btitle") ?? get("title") ?? get("stitle"),
    author,
    aulast: aulast ?? (author ? (author.split(/,\s*/)[0] ?? null) : null),
    volume: get("volume"),
    issue: get("issue"),
    spage: get("spage"),
    epage: get("epage"),
    pages: get("pages"),
    date: get("date"),
    issn: issnOf(get("issn")) ?? issnOf(get("eissn")),
    isbn: isbnOf(get("isbn")),
    doi: found.doi ?? null,
    pmid: found.pmid ?? null,
    oclc: found.oclc ?? null,
    source: clean(first.get("rfr_id") ?? first.get("sid") ?? "") ?? null,
  };
  const usable = [
    citation.title,
    citation.atitle,
    citation.issn,
    citation.isbn,
    citation.doi,
    citation.pmid,
    citation.oclc,
  ];
  if (usable.every((u) => u === null)) return { ok: false, reason: "empty" };
  return { ok: true, citation };
}

/** The citation's pages as the request form takes them ("12-19"), or null. */
export function pagesOf(c: Pick<Citation, "spage" | "epage" | "pages">): string | null {
  if (c.pages) return c.pages.replace(/\s*[–—]\s*/g, "-");
  if (c.spage && c.epage) return `${c.spage}-${c.epage}`;
  return c.spage;
}

/** "v. 12", "Vol 12 no. 3", "Bd. 12, Heft 3", "12(3)": the volume and issue an item description names. */
export function volumeIssueOf(description: string): { volume: string | null; issue: string | null } {
  const d = description.toLowerCase();
  const volume =
    /\b(?:v|vol|volume|bd|band|t|tome|jahrg|jg|année)\.?\s*(\d+)/.exec(d)?.[1] ?? /^(\d+)\s*\(/.exec(d)?.[1] ?? null;
  const issue =
    /\b(?:no|nr|n°|num|number|issue|heft|h|fasc)\.?\s*(\d+)/.exec(d)?.[1] ?? /^\d+\s*\((\d+)\)/.exec(d)?.[1] ?? null;
  return { volume, issue };
}

import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { listBibs, loadBibWithInventory } from "./bibs.js";
import { volumeIssueOf, type Citation } from "./openurl.js";

export type MatchedBy = "isbn" | "issn" | "oclc" | "doi" | "pmid" | "title_author" | "title";

/** A phrase for the search language: its quotes and field prefixes cannot break out of it. */
const phrase = (s: string) => `"${s.replace(/"/g, " ").trim()}"`;

/** The title's words before its subtitle, at most 10 (catalogues and citations differ in subtitles). */
function mainTitle(title: string): string {
  const main = title.split(/\s[:;=/]\s?|:\s/)[0] ?? title;
  return main
    .replace(/[^\p{L}\p{N}'’\s-]/gu, " ")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .join(" ");
}

/**
 * What the patron's search page is filled with when nothing matched: the title, with the author
 * when the citation is of a whole book (an article's author is not the journal's).
 */
export function searchTextOf(c: Citation): string {
  return [c.title ?? c.atitle, c.atitle ? null : c.aulast].filter(Boolean).join(" ");
}

/**
 * Finds the citation's title in the catalogue: by standard number or identifier first (ISBN,
 * ISSN, OCLC number, then DOI and PMID where a record carries them among its identifiers), then
 * by title and author's last name (the best-ranked record), then by title alone (only when one
 * record has it: several is a question for the patron). With a volume or issue, the item whose
 * description names them.
 */
export async function resolveCitation(db: Db, actor: Actor, c: Citation) {
  const attempts: [MatchedBy, string | null, "first" | "only"][] = [
    ["isbn", c.isbn && `isbn:${c.isbn}`, "first"],
    ["issn", c.issn && `issn:${c.issn}`, "first"],
    ["oclc", c.oclc && `id:${c.oclc}`, "first"],
    ["doi", c.doi && `id:${phrase(c.doi)}`, "first"],
    ["pmid", c.pmid && `id:${c.pmid}`, "first"],
  ];
  const title = c.title ?? (c.genre === "book" || c.genre === "bookitem" ? null : c.atitle);
  const words = title ? mainTitle(title) : "";
  if (words) {
    const author = (c.atitle && c.title ? null : c.aulast)?.replace(/[^\p{L}\p{N}'’-]/gu, " ").trim();
    if (author) attempts.push(["title_author", `title:${words} author:${author}`, "first"]);
    attempts.push(["title", `title:${words}`, "only"]);
  }
  for (const [by, q, take] of attempts) {
    if (!q) continue;
    const found = await listBibs(db, actor, { q, limit: 2 });
    if (found.bibs.length === 0 || (take === "only" && found.bibs.length > 1)) continue;
    const bibId = found.bibs[0]!.id;
    return { mms_id: String(bibId), item_id: await itemOf(db, actor, bibId, c), matched_by: by };
  }
  return null;
}

async function itemOf(db: Db, actor: Actor, bibId: number, c: Citation): Promise<string | null> {
  if (!c.volume && !c.issue) return null;
  const { items } = await loadBibWithInventory(db, actor, bibId);
  const wanted = { volume: c.volume?.match(/\d+/)?.[0] ?? null, issue: c.issue?.match(/\d+/)?.[0] ?? null };
  const hits = items.filter((i) => {
    if (!i.description) return false;
    const has = volumeIssueOf(i.description);
    if (wanted.volume && has.volume !== wanted.volume) return false;
    if (wanted.issue && has.issue !== null && has.issue !== wanted.issue) return false;
    return wanted.volume !== null || has.issue === wanted.issue;
  });
  return hits.length === 1 ? String(hits[0]!.id) : null;
}

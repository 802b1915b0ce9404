/** The languages Recto's own texts are written in: the web pages, the letters, the server's messages. */
export const LANGUAGES = ["en", "fr", "de", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

/** ISO 639-2 codes some catalogues and identity providers send instead of the two-letter ones. */
const THREE_LETTER: Record<string, Language> = { eng: "en", fra: "fr", fre: "fr", deu: "de", ger: "de", spa: "es" };

/** "fr-CA", "fr_CA", "fra" or "FR" as one of LANGUAGES; null when Recto is not written in it. */
export function toLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  const two = THREE_LETTER[primary] ?? primary;
  return (LANGUAGES as readonly string[]).includes(two) ? (two as Language) : null;
}

/**
 * The language an `Accept-Language` header names first that Recto is written in: its tags in
 * order of preference (q, then order of appearance), each by its primary subtag, so "fr-CA"
 * names French. Null when it names none ("*" and "q=0" name nothing).
 */
export function fromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const tags = header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((t) => t.weight > 0 && t.tag !== "*")
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const t of tags) {
    const language = toLanguage(t.tag);
    if (language) return language;
  }
  return null;
}

/** A language tag in words, in the reader's language ("fr" -> "French"); the tag itself when unknown. */
export function languageName(tag: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

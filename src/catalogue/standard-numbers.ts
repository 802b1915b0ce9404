/**
 * ISBN and ISSN checking (pure). Catalogue records arrive with hyphens, spaces and lower-case
 * check characters; Recto stores one canonical form so that lookups and OpenURL matching agree.
 */

type Checked = { ok: true; value: string } | { ok: false; reason: string };

const digitsOf = (s: string): number[] => [...s].map((c) => (c === "X" ? 10 : Number(c)));

export function isbn10CheckDigit(first9: string): string {
  const sum = digitsOf(first9).reduce((acc, d, i) => acc + d * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

export function isbn13CheckDigit(first12: string): string {
  const sum = digitsOf(first12).reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 1 : 3), 0);
  return String((10 - (sum % 10)) % 10);
}

export function issnCheckDigit(first7: string): string {
  const sum = digitsOf(first7).reduce((acc, d, i) => acc + d * (8 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

/** Removes hyphens and spaces, upper-cases the X, and validates an ISBN-10 or ISBN-13 check digit. */
export function normalizeIsbn(raw: string): Checked {
  const value = raw.replace(/[\s-]/g, "").toUpperCase();
  if (/^\d{9}[\dX]$/.test(value)) {
    return value.endsWith(isbn10CheckDigit(value.slice(0, 9)))
      ? { ok: true, value }
      : { ok: false, reason: "is not a valid ISBN-10 (the check digit does not match)" };
  }
  if (/^\d{13}$/.test(value)) {
    if (!/^97[89]/.test(value)) return { ok: false, reason: "is not a valid ISBN-13 (it must start with 978 or 979)" };
    return value.endsWith(isbn13CheckDigit(value.slice(0, 12)))
      ? { ok: true, value }
      : { ok: false, reason: "is not a valid ISBN-13 (the check digit does not match)" };
  }
  return { ok: false, reason: "must be an ISBN of 10 or 13 digits (hyphens and spaces are ignored)" };
}

/** Accepts NNNN-NNNX or NNNNNNNX and answers the hyphenated form after checking the check digit. */
export function normalizeIssn(raw: string): Checked {
  const compact = raw.trim().replace("-", "").toUpperCase();
  if (!/^\d{7}[\dX]$/.test(compact)) return { ok: false, reason: "must have the form NNNN-NNNX" };
  if (!compact.endsWith(issnCheckDigit(compact.slice(0, 7)))) {
    return { ok: false, reason: "is not a valid ISSN (the check digit does not match)" };
  }
  return { ok: true, value: `${compact.slice(0, 4)}-${compact.slice(4)}` };
}

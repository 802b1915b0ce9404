/**
 * Where a person goes after signing in: a path on Recto's own site only, so that a crafted
 * sign-in link cannot send them to another site (an open redirect). "//host", "/\host",
 * backslashes, control characters and anything with a scheme are refused.
 */
export function isSameSitePath(value: string): boolean {
  if (value.length === 0 || value.length > 2000) return false;
  if (!value.startsWith("/") || value.startsWith("//")) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const base = new URL("http://recto.invalid");
    return new URL(value, base).origin === base.origin;
  } catch {
    return false;
  }
}

/** The page an app opens on by default. */
export const defaultReturnPath = (institutionCode: string, app: "patron" | "staff"): string =>
  `/i/${encodeURIComponent(institutionCode)}${app === "staff" ? "/staff" : "/"}`;

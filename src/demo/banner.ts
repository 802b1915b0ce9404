import type { DemoSeedResult } from "./seed-demo.js";

/** The start-up text of `serve --demo`: where to go, who to sign in as, and a key that works. */
export function demoBanner(url: string, seed: DemoSeedResult): string {
  const header = ["institution", "user id", "role", "password"];
  const rows = seed.logins.map((l) => [l.institution, l.user_id, l.role, l.password]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ")}`.trimEnd();
  const rule = "-".repeat(Math.max(60, line(header).length));
  return [
    rule,
    `Recto demo is running at ${url}`,
    `  API docs:  ${url}/api/docs`,
    seed.created
      ? `  Demo institution ${seed.institutionCode} created.`
      : `  Demo institution ${seed.institutionCode} already present; nothing new was created.`,
    "",
    "Demo logins:",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    "Demo administrator API key (a new one at every start; the previous one is revoked):",
    `  ${seed.apiKey}`,
    "Try it:",
    `  curl -H "Authorization: Bearer ${seed.apiKey}" ${url}/api/v1/bibs`,
    "Letters (no SMTP_URL set) are written as .eml files in MAIL_DIR; the delivered demo request's letter (staff see",
    "that a download link was sent, never the link itself; the patron's .eml file on disk carries it):",
    `  curl -H "Authorization: Bearer ${seed.apiKey}" ${url}/api/v1/mail/eml`,
    rule,
  ].join("\n");
}

import type { DemoSeedResult } from "./seed-demo.js";

/** The body of the placement example, in the README and the banner alike. */
const PLACEMENT_EXAMPLE_BODY =
  '{"request_type":"DIGITIZATION","partial_digitization":true,"required_pages_range":[{"from_page":"1","to_page":"12"}],"comment":"For my seminar"}';

/** The README's /almaws placement example, with the operator's key and a title of the demo catalogue. */
function placementExampleCommand(url: string, key: string, patron: string, mmsId: string | number): string {
  return (
    `curl -X POST -H "Authorization: apikey ${key}" -H "Content-Type: application/json" ` +
    `-d '${PLACEMENT_EXAMPLE_BODY}' "${url}/almaws/v1/users/${patron}/requests?mms_id=${mmsId}"`
  );
}

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
    `  Patrons:   ${url}/`,
    `  Staff:     ${url}/staff`,
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
    ...(seed.operatorApiKey
      ? [
          "",
          `Demo Fulfillment Services Operator (${seed.placementExample?.operator ?? "demo-fs-operator"}) API key, who may place requests for patrons:`,
          `  ${seed.operatorApiKey}`,
          ...(seed.placementExample
            ? [
                `Place a request for ${seed.placementExample.patron} through the compatibility API:`,
                `  ${placementExampleCommand(url, seed.operatorApiKey, seed.placementExample.patron, seed.placementExample.mmsId)}`,
              ]
            : []),
        ]
      : []),
    rule,
  ].join("\n");
}

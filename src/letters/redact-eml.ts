import { withholdLinkTokens } from "../delivery/link-tokens.js";

/*
 * Staff read the letters Recto wrote as .eml files, but a delivery letter carries the patron's live
 * download links: whoever opens one uses up the patron's views. What staff are shown replaces every
 * link token with a marker ("…/downloads/[download link sent: 3 views, expires 2026-03-09]"). The
 * file on disk is the patron's letter and keeps its links.
 *
 * The tokens sit inside MIME bodies that may be quoted-printable (soft line breaks can split a
 * token) or base64, so each leaf part is decoded, redacted and, when it changed, re-encoded as
 * base64. Text is handled as latin1 (one char per byte), so any charset survives unchanged.
 */

export interface TokenMarker {
  token: string;
  marker: string;
}

export const WITHHELD = "[download link withheld]";

function redactText(text: string, markers: TokenMarker[]): string {
  let out = text;
  for (const m of markers) out = out.split(m.token).join(m.marker);
  // Any other download token too, e.g. one derived before LINK_SECRET changed.
  return withholdLinkTokens(out, WITHHELD);
}

const decodeQuotedPrintable = (body: string): string =>
  body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function base64Lines(latin1: string, newline: string): string {
  const encoded = Buffer.from(latin1, "latin1").toString("base64");
  return (encoded.match(/.{1,76}/g) ?? []).join(newline) + newline;
}

function redactMultipart(body: string, boundary: string, markers: TokenMarker[], newline: string): string {
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(?:--)?[ \\t]*(?=\\r?\\n|$)`, "g");
  const found = [...body.matchAll(delimiter)];
  if (found.length === 0) return redactText(body, markers);
  let out = redactText(body.slice(0, found[0]!.index), markers); // preamble
  found.forEach((m, i) => {
    out += m[0];
    const from = m.index + m[0].length;
    const to = i + 1 < found.length ? found[i + 1]!.index : body.length;
    const chunk = body.slice(from, to);
    if (m[0].trimEnd().endsWith("--") || i + 1 === found.length) {
      out += redactText(chunk, markers); // epilogue
      return;
    }
    const lead = /^\r?\n/.exec(chunk)?.[0] ?? "";
    out += lead + redactEntity(chunk.slice(lead.length), markers, newline);
  });
  return out;
}

function redactEntity(entity: string, markers: TokenMarker[], newline: string): string {
  const gap = /\r?\n\r?\n/.exec(entity);
  if (!gap) return redactText(entity, markers);
  let headers = entity.slice(0, gap.index);
  const separator = gap[0];
  const body = entity.slice(gap.index + separator.length);
  const unfolded = headers.replace(/\r?\n[ \t]+/g, " ");
  const type = /^content-type:\s*([^;\r\n]+)/im.exec(unfolded)?.[1]?.trim().toLowerCase() ?? "text/plain";
  if (type.startsWith("multipart/")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(unfolded);
    const b = boundary?.[1] ?? boundary?.[2];
    if (b) return redactText(headers, markers) + separator + redactMultipart(body, b, markers, newline);
  }
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(unfolded)?.[1]?.toLowerCase();
  if (encoding === "base64" || encoding === "quoted-printable") {
    const decoded =
      encoding === "base64" ? Buffer.from(body, "base64").toString("latin1") : decodeQuotedPrintable(body);
    const redacted = redactText(decoded, markers);
    if (redacted === decoded) return entity;
    headers = headers.replace(/^(content-transfer-encoding:[ \t]*)\S+/im, "$1base64");
    return redactText(headers, markers) + separator + base64Lines(redacted, newline);
  }
  return redactText(headers, markers) + separator + redactText(body, markers);
}

/** The .eml as staff may see it: every link token replaced by its marker (or by WITHHELD). */
export function redactEml(raw: Buffer, markers: TokenMarker[]): Buffer {
  const text = raw.toString("latin1");
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  return Buffer.from(redactEntity(text, markers, newline), "latin1");
}

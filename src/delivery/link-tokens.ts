import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sha256 } from "../auth/tokens.js";
import type { Config } from "../config.js";

/*
 * A link token is HMAC-SHA256(secret, institution:outbox message:file): 256 bits nobody can
 * guess without the secret. The database keeps only sha256(token). Deriving the token (instead
 * of drawing it at random) lets a resent letter carry the very same link as the first try,
 * without the token ever being stored. The secret is LINK_SECRET, or a random one kept in a
 * file beside the files folder, created on first use; it never enters the database.
 */

const secrets = new Map<string, string>();

function secretFile(config: Pick<Config, "filesDir">): string {
  return path.join(path.dirname(config.filesDir), "link-secret");
}

export function linkSecret(config: Pick<Config, "linkSecret" | "filesDir">): string {
  if (config.linkSecret) return config.linkSecret;
  const file = secretFile(config);
  const cached = secrets.get(file);
  if (cached) return cached;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": of two processes starting at once, one creates it and the other reads it.
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  secrets.set(file, secret);
  return secret;
}

export function deriveLinkToken(
  secret: string,
  v: { institutionId: number; outboxId: number; fileId: number },
): string {
  return createHmac("sha256", secret)
    .update(`recto-link:${v.institutionId}:${v.outboxId}:${v.fileId}`)
    .digest("base64url");
}

export const linkTokenHash = (token: string): string => sha256(token);

/** A token as the download route accepts it: base64url, 43 characters for 256 bits. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Text as staff or logs may hold it: every download link's token replaced by a marker, so that
 * no log line, error or staff view can open (and use up) a patron's link.
 */
export const withholdLinkTokens = (text: string, marker = "[download link withheld]"): string =>
  text.replace(/(\/downloads\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, `$1${marker}`);

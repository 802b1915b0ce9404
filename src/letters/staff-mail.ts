import fs from "node:fs";
import type { Config } from "../config.js";
import type { Executor } from "../db/database.js";
import { deriveLinkToken, linkSecret } from "../delivery/link-tokens.js";
import { linksOfOutboxMessages } from "../delivery/links-repository.js";
import { notFound } from "../errors.js";
import { findEmlSend, listEmlSends } from "./letters-repository.js";
import { emlPath } from "./mailer.js";
import { redactEml, type TokenMarker } from "./redact-eml.js";

/*
 * What staff see of the letters written as .eml files. A delivery letter's links are the patron's
 * keys: staff learn that a link was sent (file, views, expiry), never its token, so reading a
 * letter can neither use up the patron's views nor hand the file to someone else.
 */

const day = (at: string) => new Date(at).toISOString().slice(0, 10);

/** The letters written as .eml files, newest first, each with the links it carried (no tokens). */
export async function listSentMail(db: Executor, institutionId: number, limit: number) {
  const rows = await listEmlSends(db, institutionId, limit);
  const links = await linksOfOutboxMessages(
    db,
    institutionId,
    rows.map((r) => r.outbox_id),
  );
  return rows.map((r) => ({
    ...r,
    download_links: links
      .filter((l) => l.outbox_id === r.outbox_id)
      .map((l) => ({
        file_name: l.file_name,
        max_views: l.max_views,
        views_used: l.views,
        expires_at: new Date(l.expires_at).toISOString(),
        revoked: l.revoked_at !== null,
      })),
  }));
}

/** One letter as an .eml file, with each download link's token replaced by a marker saying what was sent. */
export async function readSentMail(
  db: Executor,
  config: Pick<Config, "mailDir" | "linkSecret" | "filesDir">,
  institutionId: number,
  id: number,
): Promise<{ name: string; content: Buffer }> {
  const row = await findEmlSend(db, institutionId, id);
  if (!row?.eml_name) throw notFound("letter file");
  const file = emlPath(config, institutionId, row.eml_name);
  if (!fs.existsSync(file)) throw notFound("letter file");
  const links = await linksOfOutboxMessages(db, institutionId, [row.outbox_id]);
  const secret = links.length > 0 ? linkSecret(config) : "";
  const markers: TokenMarker[] = links.map((l) => ({
    token: deriveLinkToken(secret, { institutionId, outboxId: row.outbox_id, fileId: l.file_id }),
    marker: `[download link sent: ${l.max_views} views, expires ${day(l.expires_at)}]`,
  }));
  return { name: row.eml_name, content: redactEml(await fs.promises.readFile(file), markers) };
}

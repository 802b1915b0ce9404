import type { Executor } from "../db/database.js";

/*
 * The links of a request, read for the patron who placed it: every query names the institution,
 * the request and the patron, so another patron's request finds nothing (and answers 404).
 */

const linkColumns = [
  "l.id",
  "l.institution_id",
  "l.request_id",
  "l.max_views",
  "l.views",
  "l.expires_at",
  "l.revoked_at",
  "l.view_started_at",
  "f.storage_key",
  "f.file_name",
  "f.content_type",
  "f.size_bytes",
  "f.deleted_at",
  "u.preferred_language",
  "i.default_language",
  "i.time_zone",
] as const;

function patronLinks(db: Executor, institutionId: number, userId: number, requestId: number) {
  return db
    .selectFrom("delivery_links as l")
    .innerJoin("request_files as f", "f.id", "l.file_id")
    .innerJoin("requests as r", "r.id", "l.request_id")
    .innerJoin("users as u", "u.id", "r.user_id")
    .innerJoin("institutions as i", "i.id", "l.institution_id")
    .select(linkColumns)
    .where("l.institution_id", "=", institutionId)
    .where("r.institution_id", "=", institutionId)
    .where("r.user_id", "=", userId)
    .where("l.request_id", "=", requestId);
}

/** Whether the patron placed this request (else it does not exist for them). */
export async function isPatronRequest(
  db: Executor,
  institutionId: number,
  userId: number,
  requestId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom("requests")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("user_id", "=", userId)
    .where("id", "=", requestId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The request's links, newest first. */
export async function linksOfPatronRequest(db: Executor, institutionId: number, userId: number, requestId: number) {
  return patronLinks(db, institutionId, userId, requestId).orderBy("l.id", "desc").execute();
}

/** One link of the patron's request, in the shape the download rules take (delivery/download.ts). */
export async function findPatronLink(
  db: Executor,
  institutionId: number,
  userId: number,
  requestId: number,
  linkId: number,
) {
  return patronLinks(db, institutionId, userId, requestId).where("l.id", "=", linkId).executeTakeFirst();
}

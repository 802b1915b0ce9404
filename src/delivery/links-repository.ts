import type { Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import type { DeliveryLinksTable } from "../db/schema.js";

type LinkRow = Selectable<DeliveryLinksTable>;

/** Creates the link once: a resend of the same letter finds the row its first try made. */
export async function ensureLink(
  db: Executor,
  v: Omit<LinkRow, "id" | "views" | "revoked_at" | "view_started_at">,
): Promise<LinkRow> {
  await db
    .insertInto("delivery_links")
    .values({ ...v, views: 0, revoked_at: null, view_started_at: null })
    .onConflict((oc) => oc.column("token_hash").doNothing())
    .execute();
  return db.selectFrom("delivery_links").selectAll().where("token_hash", "=", v.token_hash).executeTakeFirstOrThrow();
}

/** What a download needs of a link: its file, the patron's language, the institution's and its time zone. */
const linkForDownloadColumns = [
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

// Joins request_files, requests, users and institutions here: the answer is a link with what its download needs.
function linksForDownload(db: Executor) {
  return db
    .selectFrom("delivery_links as l")
    .innerJoin("request_files as f", "f.id", "l.file_id")
    .innerJoin("requests as r", "r.id", "l.request_id")
    .innerJoin("users as u", "u.id", "r.user_id")
    .innerJoin("institutions as i", "i.id", "l.institution_id")
    .select(linkForDownloadColumns);
}

/** A link with its file, and what the patron's page needs: their language, the institution's and its time zone. */
export async function findLinkForDownload(db: Executor, tokenHash: string) {
  return linksForDownload(db).where("l.token_hash", "=", tokenHash).executeTakeFirst();
}

/*
 * The links of a request, read for the patron who placed it: every query names the institution,
 * the request and the patron, so another patron's request finds nothing (and answers 404).
 */
function patronLinks(db: Executor, institutionId: number, userId: number, requestId: number) {
  return linksForDownload(db)
    .where("l.institution_id", "=", institutionId)
    .where("r.institution_id", "=", institutionId)
    .where("r.user_id", "=", userId)
    .where("l.request_id", "=", requestId);
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

export type LinkForDownload = NonNullable<Awaited<ReturnType<typeof findLinkForDownload>>>;

/**
 * Counts one view if the link still has one, and notes when it started (the resume window): a
 * single guarded UPDATE, so concurrent downloads can never together exceed max_views. False when
 * the link is used up, expired or revoked.
 */
export async function takeView(db: Executor, id: number, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable("delivery_links")
    .set((eb) => ({ views: eb("views", "+", 1), view_started_at: nowIso }))
    .where("id", "=", id)
    .whereRef("views", "<", "max_views")
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function revokeRequestLinks(db: Executor, requestId: number, nowIso: string): Promise<number> {
  const r = await db
    .updateTable("delivery_links")
    .set({ revoked_at: nowIso })
    .where("request_id", "=", requestId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The links each of these letters carries (staff see that a link was sent, never its token). */
// Joins request_files here: a letter's links are listed with their file names.
export async function linksOfOutboxMessages(db: Executor, institutionId: number, outboxIds: number[]) {
  if (outboxIds.length === 0) return [];
  return db
    .selectFrom("delivery_links as l")
    .innerJoin("request_files as f", "f.id", "l.file_id")
    .select(["l.outbox_id", "l.file_id", "f.file_name", "l.max_views", "l.views", "l.expires_at", "l.revoked_at"])
    .where("l.institution_id", "=", institutionId)
    .where("l.outbox_id", "in", outboxIds)
    .orderBy("l.id")
    .execute();
}

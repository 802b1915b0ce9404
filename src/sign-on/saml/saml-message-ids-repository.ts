import type { Executor } from "../../db/database.js";
import type { SamlMessageIdsTable } from "../../db/schema.js";

type Kind = SamlMessageIdsTable["kind"];

interface MessageIdRow {
  institution_id: number;
  provider_id: number;
  kind: Kind;
  message_id: string;
  data?: string | null;
  name_id?: string | null;
  session_index?: string | null;
  expires_at: string;
}

/**
 * Remembers a message id; false when the provider's id of that kind is already remembered (a
 * replay). Rows past their time are removed first, so the table holds only live ids without a
 * job of its own; the unique key decides between two processes inserting the same id.
 */
export async function rememberMessageId(db: Executor, row: MessageIdRow, now: string): Promise<boolean> {
  await db.deleteFrom("saml_message_ids").where("expires_at", "<=", now).execute();
  const inserted = await db
    .insertInto("saml_message_ids")
    .values({ ...row, data: row.data ?? null, name_id: row.name_id ?? null, session_index: row.session_index ?? null })
    .onConflict((oc) => oc.columns(["provider_id", "kind", "message_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a live id and says whether it was there: an AuthnRequest id is answered once. */
export async function takeMessageId(
  db: Executor,
  key: { provider_id: number; kind: Kind; message_id: string },
  now: string,
): Promise<{ data: string | null } | undefined> {
  return db
    .deleteFrom("saml_message_ids")
    .where("provider_id", "=", key.provider_id)
    .where("kind", "=", key.kind)
    .where("message_id", "=", key.message_id)
    .where("expires_at", ">", now)
    .returning("data")
    .executeTakeFirst();
}

/** The live "session" row for a session token hash, whichever provider began it. */
export async function takeSessionRow(
  db: Executor,
  tokenHash: string,
  now: string,
): Promise<{ provider_id: number; institution_id: number; data: string | null } | undefined> {
  return db
    .deleteFrom("saml_message_ids")
    .where("kind", "=", "session")
    .where("message_id", "=", tokenHash)
    .where("expires_at", ">", now)
    .returning(["provider_id", "institution_id", "data"])
    .executeTakeFirst();
}

/**
 * Removes the live "session" rows of a provider's NameID (only the sign-in of that SessionIndex,
 * when one is named) and answers their session token hashes.
 */
export async function takeSessionRowsOf(
  db: Executor,
  key: { provider_id: number; name_id: string; session_index: string | null },
  now: string,
): Promise<string[]> {
  let q = db
    .deleteFrom("saml_message_ids")
    .where("provider_id", "=", key.provider_id)
    .where("kind", "=", "session")
    .where("name_id", "=", key.name_id)
    .where("expires_at", ">", now);
  if (key.session_index !== null) q = q.where("session_index", "=", key.session_index);
  const rows = await q.returning("message_id").execute();
  return rows.map((r) => r.message_id);
}

/** For tests and the administrator's view: how many assertions of a provider are remembered. */
export async function countMessageIds(db: Executor, providerId: number, kind: Kind): Promise<number> {
  const row = await db
    .selectFrom("saml_message_ids")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("provider_id", "=", providerId)
    .where("kind", "=", kind)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

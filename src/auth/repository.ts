import type { Executor } from "../db/database.js";
import { grantsOfUser } from "../people/role-assignments-repository.js";
import { findUserIdentity } from "../people/users-repository.js";
import type { Actor, Grant } from "./actor.js";

async function loadGrants(db: Executor, userId: number): Promise<Grant[]> {
  const rows = await grantsOfUser(db, userId);
  return rows.map((r) => ({
    role: r.role,
    scopeType: r.scope_type,
    scopeId: r.scope_id,
    deskLibraryId: r.desk_library_id ?? null,
  }));
}

export async function loadActor(db: Executor, userId: number, via: Actor["via"]): Promise<Actor | null> {
  const user = await findUserIdentity(db, userId);
  if (!user || user.status !== "ACTIVE") return null;
  return {
    userId: user.id,
    institutionId: user.institution_id,
    primaryId: user.primary_id,
    grants: await loadGrants(db, user.id),
    via,
    preferredLanguage: user.preferred_language,
  };
}

export async function findSessionByTokenHash(db: Executor, tokenHash: string, nowIso: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "user_id", "csrf_token", "expires_at"])
    .where("token_hash", "=", tokenHash)
    .where("expires_at", ">", nowIso)
    .executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  row: {
    institution_id: number;
    user_id: number;
    token_hash: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    identity_provider_id?: number | null;
  },
): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

/** Ends the session; answers the identity provider it was opened through (null: a password, or no such session). */
export async function deleteSessionByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<{ institution_id: number; identity_provider_id: number | null; token_hash: string } | null> {
  const row = await db
    .deleteFrom("sessions")
    .where("token_hash", "=", tokenHash)
    .returning(["institution_id", "identity_provider_id", "token_hash"])
    .executeTakeFirst();
  return row ?? null;
}

/** Ends every session of the user, but the one kept (if any). */
export async function deleteSessionsOfUser(db: Executor, userId: number, keepSessionId?: number): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId !== undefined) q = q.where("id", "!=", keepSessionId);
  await q.execute();
}

/** The CSRF token of a session, for the pages that arrive signed in from an identity provider's redirect. */
export async function sessionCsrfToken(db: Executor, sessionId: number): Promise<string | null> {
  const row = await db.selectFrom("sessions").select("csrf_token").where("id", "=", sessionId).executeTakeFirst();
  return row?.csrf_token ?? null;
}

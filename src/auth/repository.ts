import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";
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

/** The user and grant columns of an Actor, read beside the credential that names the user. */
interface ActorRow {
  user_id: number;
  institution_id: number;
  primary_id: string;
  status: string;
  preferred_language: string | null;
  role: Grant["role"] | null;
  scope_type: Grant["scopeType"] | null;
  scope_id: number | null;
  desk_library_id: number | null;
}

/** One Actor from its rows (a row per grant, or one row of nulls); null when the user may not act. */
function actorFromRows(rows: ActorRow[], via: Actor["via"]): Actor | null {
  const user = rows[0];
  if (!user || user.status !== "ACTIVE") return null;
  return {
    userId: user.user_id,
    institutionId: user.institution_id,
    primaryId: user.primary_id,
    grants: rows
      .filter((r) => r.role !== null && r.scope_type !== null)
      .map((r) => ({ role: r.role!, scopeType: r.scope_type!, scopeId: r.scope_id, deskLibraryId: r.desk_library_id })),
    via,
    preferredLanguage: user.preferred_language,
  };
}

// Joins users, role_assignments and circulation_desks here: an HTTP request's caller is one
// statement (the credential, its user and their grants, as `loadActor` reads them), not three.
// Every HTTP request runs one of these: each is built once (prepared.ts).
function credentialQuery(credential: "api_keys" | "sessions", extra: RawBuilder<unknown>, where: RawBuilder<unknown>) {
  return sql<ActorRow & { credential_id: number }>`
    select c.id as credential_id, ${extra}, u.id as user_id, u.institution_id, u.primary_id, u.status,
      u.preferred_language, r.role, r.scope_type, r.scope_id, d.library_id as desk_library_id
    from ${sql.table(credential)} as c
    join users as u on u.id = c.user_id
    left join role_assignments as r on r.user_id = u.id
    left join circulation_desks as d on d.id = r.scope_id and r.scope_type = 'desk'
    where ${where}
    order by r.id`;
}

const apiKeyRows = prepared((_db, v: { keyHash: string }) =>
  credentialQuery("api_keys", sql`c.last_used_at`, sql`c.key_hash = ${v.keyHash} and c.revoked_at is null`),
) as (
  db: Executor,
  v: { keyHash: string },
) => Promise<(ActorRow & { credential_id: number; last_used_at: string | null })[]>;

const sessionRows = prepared((_db, v: { tokenHash: string; nowIso: string }) =>
  credentialQuery("sessions", sql`c.csrf_token`, sql`c.token_hash = ${v.tokenHash} and c.expires_at > ${v.nowIso}`),
) as (
  db: Executor,
  v: { tokenHash: string; nowIso: string },
) => Promise<(ActorRow & { credential_id: number; csrf_token: string })[]>;

/** The unrevoked API key with this hash and who it speaks for (actor null: the user may not act). */
export async function findActorByApiKeyHash(db: Executor, keyHash: string) {
  const rows = await apiKeyRows(db, { keyHash });
  const first = rows[0];
  if (!first) return null;
  return { key: { id: first.credential_id, last_used_at: first.last_used_at }, actor: actorFromRows(rows, "api_key") };
}

/** The unexpired session with this token hash and who it speaks for (actor null: the user may not act). */
export async function findActorBySessionHash(db: Executor, tokenHash: string, nowIso: string) {
  const rows = await sessionRows(db, { tokenHash, nowIso });
  const first = rows[0];
  if (!first) return null;
  return { session: { id: first.credential_id, csrf_token: first.csrf_token }, actor: actorFromRows(rows, "session") };
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

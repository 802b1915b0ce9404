import type { Actor } from "../auth/actor.js";
import { authorizeApiKeysOf } from "../auth/policy.js";
import { API_KEY_PREFIX, newApiKey, sha256 } from "../auth/tokens.js";
import type { Db, Executor } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { findInstitutionByCode } from "../organisation/institution-repository.js";
import * as repo from "./api-keys-repository.js";
import { findUserByPrimaryId } from "./users-repository.js";
import { loadUser } from "./users.js";

/** Creates an API key for a user. The key itself is returned once and only its hash is kept. */
export async function issueApiKey(
  db: Executor,
  user: { id: number; institution_id: number },
  label: string,
  now: Date,
): Promise<repo.ApiKeyRow & { key: string }> {
  const key = newApiKey();
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
  const row = await repo.insertApiKey(db, user, { label, prefix, key_hash: sha256(key) }, now.toISOString());
  return { ...row, key };
}

/** Users manage their own keys; people.manage manages anyone's. */
async function loadKeyOwner(db: Db, actor: Actor, userId: number) {
  const user = await loadUser(db, actor, userId);
  authorizeApiKeysOf(actor, user.id);
  return user;
}

export async function listApiKeys(db: Db, actor: Actor, userId: number) {
  const user = await loadKeyOwner(db, actor, userId);
  return repo.listApiKeys(db, user.id);
}

export async function createApiKey(db: Db, actor: Actor, userId: number, input: { label: string }, now: Date) {
  const user = await loadKeyOwner(db, actor, userId);
  return issueApiKey(db, user, input.label, now);
}

export async function revokeApiKey(db: Db, actor: Actor, userId: number, keyId: number, now: Date): Promise<void> {
  const user = await loadKeyOwner(db, actor, userId);
  const key = await repo.findApiKey(db, actor.institutionId, user.id, keyId);
  if (!key) throw notFound("API key");
  await repo.revokeApiKey(db, key.id, now.toISOString());
}

/** The CLI's way in: no caller yet, so the operator names the institution and user. */
export async function issueApiKeyByPrimaryId(
  db: Db,
  input: { institution: string; user: string; label: string },
  now: Date,
): Promise<{ key: string; prefix: string; userStatus: string }> {
  const institution = await findInstitutionByCode(db, input.institution);
  if (!institution)
    throw new AppError("NOT_FOUND", { message: `There is no institution with code ${input.institution}.` });
  const user = await findUserByPrimaryId(db, institution.id, input.user);
  if (!user) {
    throw new AppError("NOT_FOUND", {
      message: `There is no user with primary id ${input.user} in institution ${institution.code}.`,
    });
  }
  const issued = await issueApiKey(db, user, input.label, now);
  return { key: issued.key, prefix: issued.prefix, userStatus: user.status };
}

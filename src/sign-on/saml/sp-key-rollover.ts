import type { Actor } from "../../auth/actor.js";
import type { Db, Executor } from "../../db/database.js";
import { AppError, notFound } from "../../errors.js";
import type { SecretBox } from "../../shared/secret-box.js";
import type { IdentityProvider } from "../provider-model.js";
import { readIdentityProvider } from "../providers.js";
import { lockProvider } from "../providers-repository.js";
import { newSpKeyPair, spKeyRingOf, storeSpKey } from "./sp-key.js";
import { deleteSpKey, setSpKeyStatus, spKeysOf, type SpKeyRow } from "./sp-keys-repository.js";

/*
 * Rolling Recto's key pair for a SAML provider over without a break in sign-ins (docs/sign-on.md):
 *
 *   add       a new pair, "next": the metadata publishes both certificates so the identity
 *             provider (or the federation registry) learns the new one; Recto still signs with
 *             the active one, and decrypts with either
 *   activate  the new pair signs from now on; the one it replaces is "previous", still published
 *             and still decrypting, for answers already on their way and providers not yet updated
 *             (activating "previous" again goes back)
 *   retire    the pair that is not in use is removed with its private key: an assertion encrypted
 *             to it no longer decrypts, and the metadata names the active key alone
 *
 * A provider has one active pair and at most one other, so a rollover is finished (the other
 * retired) before the next begins. Each step is people.manage, like the provider itself.
 */

export type SpKeyAction = "activate" | "retire";

/** What may be done with a key pair: anything but the one in use may be activated or retired. */
export const spKeyActions = (key: Pick<SpKeyRow, "status">): SpKeyAction[] =>
  key.status === "active" ? [] : ["activate", "retire"];

/** Whether a new pair may be added: not while a rollover is unfinished. */
export const mayAddSpKey = (keys: readonly unknown[]): boolean => keys.length < 2;

export type SpKeyList = { provider: IdentityProvider; keys: SpKeyRow[] };

async function samlProvider(db: Executor, actor: Actor, providerId: number) {
  const provider = await readIdentityProvider(db, actor, providerId);
  if (provider.protocol !== "saml") throw new AppError("NOT_A_SAML_PROVIDER");
  return provider;
}

/** The provider's key pairs (made now when it has none, as its metadata would). */
export async function listSpKeys(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  providerId: number,
  now: Date,
): Promise<SpKeyList> {
  const provider = await samlProvider(db, actor, providerId);
  await spKeyRingOf(db, secrets, provider, now);
  return { provider, keys: await spKeysOf(db, provider.id) };
}

/** Step 1: a new key pair beside the active one, published in the metadata, not signing yet. */
export async function addSpKey(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  providerId: number,
  now: Date,
): Promise<SpKeyList> {
  const before = await listSpKeys(db, secrets, actor, providerId, now);
  if (!mayAddSpKey(before.keys)) throw new AppError("SP_KEY_ROLLOVER_UNFINISHED");
  // Made before the transaction (it takes a moment), as at the provider's creation.
  const pair = await newSpKeyPair(before.provider.code, now);
  return db.transaction().execute(async (tx) => {
    await lockProvider(tx, providerId);
    const provider = await samlProvider(tx, actor, providerId);
    if (!mayAddSpKey(await spKeysOf(tx, provider.id))) throw new AppError("SP_KEY_ROLLOVER_UNFINISHED");
    await storeSpKey(tx, secrets, provider, pair, now, "next");
    return { provider, keys: await spKeysOf(tx, provider.id) };
  });
}

/** A key pair of the provider's, its row locked with the provider's, for a step of the rollover. */
async function keyForStep(tx: Executor, actor: Actor, providerId: number, keyId: number) {
  await lockProvider(tx, providerId);
  const provider = await samlProvider(tx, actor, providerId);
  const keys = await spKeysOf(tx, provider.id);
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw notFound("key pair of this provider");
  return { provider, keys, key };
}

/** Step 2: the pair signs from now on; the active one becomes "previous" (still decrypting). */
export async function activateSpKey(
  db: Db,
  actor: Actor,
  providerId: number,
  keyId: number,
  now: Date,
): Promise<SpKeyList> {
  return db.transaction().execute(async (tx) => {
    const { provider, keys, key } = await keyForStep(tx, actor, providerId, keyId);
    if (key.status === "active") throw new AppError("SP_KEY_ALREADY_ACTIVE");
    // The active one steps down first: one active key per provider (a unique index).
    for (const k of keys.filter((k) => k.status === "active")) {
      await setSpKeyStatus(tx, { provider_id: provider.id, id: k.id }, "previous");
    }
    await setSpKeyStatus(tx, { provider_id: provider.id, id: key.id }, "active", now.toISOString());
    return { provider, keys: await spKeysOf(tx, provider.id) };
  });
}

/** Step 3: the pair not in use is removed, its private key with it. */
export async function retireSpKey(db: Db, actor: Actor, providerId: number, keyId: number): Promise<SpKeyList> {
  return db.transaction().execute(async (tx) => {
    const { provider, key } = await keyForStep(tx, actor, providerId, keyId);
    if (key.status === "active") throw new AppError("SP_KEY_IN_USE");
    await deleteSpKey(tx, { provider_id: provider.id, id: key.id });
    return { provider, keys: await spKeysOf(tx, provider.id) };
  });
}

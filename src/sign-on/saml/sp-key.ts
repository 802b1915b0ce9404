import type { Executor } from "../../db/database.js";
import { generateSpKeyPair, type SpKeyPair } from "./sp-certificate.js";
import { findSpKey, insertSpKey } from "./sp-keys-repository.js";

/*
 * Recto's key pair for a SAML provider: made when the provider is created, or the first time it
 * is needed for a provider that had none (made before keys existed, or turned from OpenID to
 * SAML). Making one takes a moment, so it is made before any transaction and stored with an
 * insert that keeps whichever key was stored first: two processes asking at once end up using
 * the same key.
 */

export interface SpKeyOwner {
  id: number;
  institution_id: number;
  code: string;
}

/** A new key pair for the provider, its certificate named for it. */
export const newSpKeyPair = (providerCode: string, now: Date): Promise<SpKeyPair> =>
  generateSpKeyPair(`Recto SAML service provider ${providerCode}`, now);

/** Stores a key pair made beforehand for a provider that has none (kept when it has one). */
export async function storeSpKey(db: Executor, provider: SpKeyOwner, pair: SpKeyPair, now: Date): Promise<void> {
  await insertSpKey(db, {
    institution_id: provider.institution_id,
    provider_id: provider.id,
    private_key: pair.privateKey,
    certificate: pair.certificate,
    created_at: now.toISOString(),
  });
}

/** The provider's key pair, made now when it has none. */
export async function spKeyOf(db: Executor, provider: SpKeyOwner, now: Date): Promise<SpKeyPair> {
  const stored = await findSpKey(db, provider.id);
  if (stored) return { privateKey: stored.private_key, certificate: stored.certificate };
  await storeSpKey(db, provider, await newSpKeyPair(provider.code, now), now);
  const row = await findSpKey(db, provider.id);
  if (!row) throw new Error(`the SAML key of provider ${provider.id} was not stored`);
  return { privateKey: row.private_key, certificate: row.certificate };
}

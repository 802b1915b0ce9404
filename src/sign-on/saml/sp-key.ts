import type { Executor } from "../../db/database.js";
import type { SecretBox } from "../../shared/secret-box.js";
import { generateSpKeyPair, type SpKeyPair } from "./sp-certificate.js";
import { insertSpKey, spKeysOf, type SpKeyRow, type SpKeyStatus } from "./sp-keys-repository.js";

/*
 * Recto's key pairs for a SAML provider: made when the provider is created, or the first time one
 * is needed for a provider that had none (made before keys existed, or turned from OpenID to
 * SAML). Making one takes a moment, so it is made before any transaction and stored with an
 * insert that keeps whichever active key was stored first: two processes asking at once end up
 * using the same key. The private key is stored sealed with the secrets key and opened here only.
 */

export interface SpKeyOwner {
  id: number;
  institution_id: number;
  code: string;
}

/** A new key pair for the provider, its certificate named for it. */
export const newSpKeyPair = (providerCode: string, now: Date): Promise<SpKeyPair> =>
  generateSpKeyPair(`Recto SAML service provider ${providerCode}`, now);

/** Stores a key pair made beforehand, sealed: the active one (kept when the provider has one) or the next. */
export async function storeSpKey(
  db: Executor,
  secrets: SecretBox,
  provider: SpKeyOwner,
  pair: SpKeyPair,
  now: Date,
  status: Extract<SpKeyStatus, "active" | "next"> = "active",
): Promise<void> {
  await insertSpKey(db, {
    institution_id: provider.institution_id,
    provider_id: provider.id,
    private_key: secrets.seal(pair.privateKey, "saml-sp-private-key"),
    certificate: pair.certificate,
    created_at: now.toISOString(),
    status,
  });
}

const opened = (secrets: SecretBox, row: SpKeyRow): SpKeyPair => ({
  privateKey: secrets.open(row.private_key, "saml-sp-private-key"),
  certificate: row.certificate,
});

/**
 * All the provider's key pairs, the active one first (it signs); during a rollover the other one
 * too, which the metadata publishes and which decrypts. One is made now when the provider has none.
 */
export async function spKeyRingOf(
  db: Executor,
  secrets: SecretBox,
  provider: SpKeyOwner,
  now: Date,
): Promise<[SpKeyPair, ...SpKeyPair[]]> {
  let rows = await spKeysOf(db, provider.id);
  if (rows[0]?.status !== "active") {
    await storeSpKey(db, secrets, provider, await newSpKeyPair(provider.code, now), now);
    rows = await spKeysOf(db, provider.id);
  }
  const [active, ...others] = rows;
  if (active?.status !== "active") throw new Error(`the SAML key of provider ${provider.id} was not stored`);
  return [opened(secrets, active), ...others.map((r) => opened(secrets, r))];
}

/** The provider's active key pair (it signs), made now when it has none. */
export async function spKeyOf(db: Executor, secrets: SecretBox, provider: SpKeyOwner, now: Date): Promise<SpKeyPair> {
  return (await spKeyRingOf(db, secrets, provider, now))[0];
}

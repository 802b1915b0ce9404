import type { Executor } from "../db/database.js";
import type { SecretPurpose } from "../shared/secret-box.js";
import { allOidcClientSecrets, setOidcClientSecret } from "../sign-on/providers-repository.js";
import { allSpPrivateKeys, setSpPrivateKey } from "../sign-on/saml/sp-keys-repository.js";

/** One secret stored in the database, as it is stored (sealed, or in clear from before sealing), and how to replace it. */
export interface StoredSecret {
  purpose: SecretPurpose;
  /** says which row, never the secret: for messages */
  where: string;
  value: string;
  replace(db: Executor, value: string): Promise<void>;
}

/** Every secret Recto keeps in the database: the SAML private keys and the OpenID client secrets. */
export async function storedSecrets(db: Executor): Promise<StoredSecret[]> {
  const keys = await allSpPrivateKeys(db);
  const secrets = await allOidcClientSecrets(db);
  return [
    ...keys.map((k) => ({
      purpose: "saml-sp-private-key" as const,
      where: `saml_sp_keys ${k.id}`,
      value: k.private_key,
      replace: (tx: Executor, value: string) => setSpPrivateKey(tx, k.id, value),
    })),
    ...secrets.map((s) => ({
      purpose: "oidc-client-secret" as const,
      where: `identity_providers ${s.id}`,
      value: s.client_secret,
      replace: (tx: Executor, value: string) => setOidcClientSecret(tx, s.id, value),
    })),
  ];
}

import type { Db } from "../db/database.js";
import { sealedBy, SecretNotOpened, type SecretBox } from "../shared/secret-box.js";
import { storedSecrets } from "./stored-secrets.js";

export class SecretsNotRotated extends Error {}

/**
 * Re-seals every stored secret with a new key, in one transaction: all or nothing. A secret still
 * in clear is sealed; one sealed with the new key already is left (a rotation cut short and run
 * again finishes it); one the current key does not open stops the whole rotation, changing
 * nothing, with the row named (never the secret). The server must then start with the new key.
 */
export async function rotateSecretsKey(
  db: Db,
  current: SecretBox,
  next: SecretBox,
): Promise<{ resealed: number; unchanged: number }> {
  return db.transaction().execute(async (tx) => {
    let resealed = 0;
    let unchanged = 0;
    for (const secret of await storedSecrets(tx)) {
      const by = sealedBy(secret.value);
      if (by === next.keyId) {
        unchanged += 1;
        continue;
      }
      let clear: string;
      try {
        clear = by === null ? secret.value : current.open(secret.value, secret.purpose);
      } catch (err) {
        if (!(err instanceof SecretNotOpened)) throw err;
        throw new SecretsNotRotated(`${secret.where} does not open with the current key: ${err.message}`);
      }
      await secret.replace(tx, next.seal(clear, secret.purpose));
      resealed += 1;
    }
    return { resealed, unchanged };
  });
}

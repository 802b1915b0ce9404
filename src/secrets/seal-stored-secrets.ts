import { ConfigError, type Config } from "../config.js";
import type { DomainLog } from "../context.js";
import type { Db } from "../db/database.js";
import { sealedBy, SecretNotOpened } from "../shared/secret-box.js";
import { generatedKeyFile, secretsKeyOf, type SecretsKeySource } from "./secrets-key.js";
import { storedSecrets } from "./stored-secrets.js";

/** The setting a wrong key is fixed with, as a startup error names it. */
export const keySetting = (source: SecretsKeySource): string =>
  "setting" in source ? source.setting : `SECRETS_KEY (not set: the key generated in ${source.generatedFile} was used)`;

/**
 * At start, before anything is served: every secret stored in the database must open with the
 * configured secrets key, and any still in clear (written before secrets were sealed, migration
 * 037) is sealed now, in one transaction. A key that is not the one the secrets were sealed with
 * stops the start with an error naming the setting (a ConfigError: a message, no stack), rather
 * than failing at the next sign-in; the secrets themselves are never said.
 */
export async function sealStoredSecrets(ctx: {
  db: Db;
  config: Pick<Config, "secretsKey" | "filesDir">;
  log: DomainLog;
}): Promise<{ sealed: number }> {
  const { db, config, log } = ctx;
  if (!config.secretsKey) {
    log.warn(
      { file: generatedKeyFile(config) },
      "SECRETS_KEY is not set: the secrets stored in the database are sealed with a key generated in this file; " +
        "on a production server set SECRETS_KEY or SECRETS_KEY_FILE and keep the key apart from the database backups",
    );
  }
  return db.transaction().execute(async (tx) => {
    const secrets = await storedSecrets(tx);
    if (secrets.length === 0) return { sealed: 0 };
    const { box, source } = secretsKeyOf(config);
    const wrong = new Set<string>();
    let sealed = 0;
    for (const secret of secrets) {
      const by = sealedBy(secret.value);
      if (by === null) {
        await secret.replace(tx, box.seal(secret.value, secret.purpose));
        sealed += 1;
        continue;
      }
      try {
        box.open(secret.value, secret.purpose);
      } catch (err) {
        if (!(err instanceof SecretNotOpened)) throw err;
        wrong.add(by);
      }
    }
    if (wrong.size > 0) {
      throw new ConfigError([
        `${keySetting(source)}: the secrets in the database were sealed with key ${[...wrong].join(", ")}, ` +
          `and this key (${box.keyId}) does not open them. Start with the key they were sealed with; ` +
          "`recto rotate-secrets-key` changes the key.",
      ]);
    }
    if (sealed > 0) log.info({ sealed, key: box.keyId }, "secrets stored in clear were sealed with the secrets key");
    return { sealed };
  });
}

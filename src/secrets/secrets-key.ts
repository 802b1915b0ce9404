import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, secretsKeyFromText, type Config } from "../config.js";
import { secretBoxOf, type SecretBox } from "../shared/secret-box.js";

/*
 * The key that seals the secrets stored in the database: SECRETS_KEY or SECRETS_KEY_FILE, else
 * (a demo, a development machine) a random one Recto makes and keeps in the file `secrets-key`
 * beside FILES_DIR, readable by its owner only, as it does for LINK_SECRET. Startup says which
 * (seal-stored-secrets.ts); a production server should set one and keep it apart from the
 * database backups, or the backups carry the key with what it seals.
 */

export type SecretsKeySource = { setting: "SECRETS_KEY" | "SECRETS_KEY_FILE" } | { generatedFile: string };

const boxes = new Map<string, { box: SecretBox; source: SecretsKeySource }>();

export const generatedKeyFile = (config: Pick<Config, "filesDir">): string =>
  path.join(path.dirname(config.filesDir), "secrets-key");

function generatedKey(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written whole under a name of its own, then linked into place (a link fails when the name
    // is taken): of two processes starting at once, one makes it and the other reads it whole.
    // Written in place ("wx"), the other could find it already there, still empty.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(draft, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const key = secretsKeyFromText(fs.readFileSync(file, "utf8"));
  if (typeof key === "string") {
    throw new ConfigError([`SECRETS_KEY: the generated key file ${file} ${key}; set SECRETS_KEY or SECRETS_KEY_FILE`]);
  }
  return key;
}

/** The secrets key's box and where the key came from (the generated file made on first use). */
export function secretsKeyOf(config: Pick<Config, "secretsKey" | "filesDir">): {
  box: SecretBox;
  source: SecretsKeySource;
} {
  if (config.secretsKey) return { box: secretBoxOf(config.secretsKey.key), source: config.secretsKey };
  const file = generatedKeyFile(config);
  let found = boxes.get(file);
  if (!found) {
    found = { box: secretBoxOf(generatedKey(file)), source: { generatedFile: file } };
    boxes.set(file, found);
  }
  return found;
}

/** The box that seals and opens the stored secrets. */
export const secretBox = (config: Pick<Config, "secretsKey" | "filesDir">): SecretBox => secretsKeyOf(config).box;

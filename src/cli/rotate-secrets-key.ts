import fs from "node:fs";
import { loadConfig, secretsKeyFromText, type Config } from "../config.js";
import type { Db } from "../db/database.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { keySetting } from "../secrets/seal-stored-secrets.js";
import { rotateSecretsKey, SecretsNotRotated } from "../secrets/rotate-secrets-key.js";
import { generatedKeyFile, secretsKeyOf, type SecretsKeySource } from "../secrets/secrets-key.js";
import { secretBoxOf, type SecretBox } from "../shared/secret-box.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";
import type { CliIo } from "./create-api-key.js";

const USAGE =
  "Usage: recto rotate-secrets-key --new-key-file PATH   (32 random bytes in base64, e.g. `openssl rand -base64 32 > PATH`)";

/** Exit code of a usage error: the command was not run, and nothing was read from the database or written. */
const USAGE_ERROR = 2;

type Rotation = { file: string; current: SecretBox; next: SecretBox; source: SecretsKeySource };

/**
 * What the command will do, or why it cannot (an exit code, the reason said): made before the
 * database is opened, so a usage error leaves the disk as it was.
 */
function rotationOf(config: Pick<Config, "secretsKey" | "filesDir">, args: string[], io: CliIo): Rotation | number {
  let file: string | undefined;
  try {
    const parsed = parseOptions(args, { "new-key-file": { type: "string" } });
    if (parsed.positionals.length > 0) throw new Error(`unexpected argument: ${parsed.positionals.join(" ")}`);
    file = parsed.values["new-key-file"];
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return USAGE_ERROR;
  }
  if (!file) {
    io.err(`--new-key-file is required.\n${USAGE}`);
    return USAGE_ERROR;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    io.err(`The file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? "unreadable"}).`);
    return USAGE_ERROR;
  }
  const key = secretsKeyFromText(text);
  if (typeof key === "string") {
    io.err(`The file ${file} ${key}.`);
    return USAGE_ERROR;
  }
  // Asking for the key would generate one (as the server does at its first start), and no secret
  // can be sealed with a key made just now: most likely the server runs with SECRETS_KEY or
  // SECRETS_KEY_FILE and this shell does not have it.
  const generated = generatedKeyFile(config);
  if (!config.secretsKey && !fs.existsSync(generated)) {
    io.err(
      `No secrets key is set: SECRETS_KEY and SECRETS_KEY_FILE are unset, and Recto has generated none in ${generated}. ` +
        "Run the command with the SECRETS_KEY or SECRETS_KEY_FILE the server runs with. " +
        `If the server has never had a key, there is nothing to rotate: set SECRETS_KEY_FILE=${file} and start Recto, ` +
        "which seals the stored secrets with it.",
    );
    return USAGE_ERROR;
  }
  const { box: current, source } = secretsKeyOf(config);
  const next = secretBoxOf(key);
  if (next.keyId === current.keyId) {
    io.err("The new key is the key in use: make a new one.");
    return USAGE_ERROR;
  }
  return { file, current, next, source };
}

async function rotate(db: Db, { file, current, next, source }: Rotation, io: CliIo): Promise<number> {
  try {
    const { resealed, unchanged } = await rotateSecretsKey(db, current, next);
    io.out(`${resealed} secrets re-sealed with key ${next.keyId}${unchanged ? ` (${unchanged} were already)` : ""}.`);
    io.out(
      `Now set SECRETS_KEY_FILE=${file} (or SECRETS_KEY to its content) in place of ${keySetting(source)}, and start Recto again.`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof SecretsNotRotated)) throw err;
    io.err(`Nothing was changed: ${err.message}. Run the command with the key the secrets were sealed with.`);
    return 1;
  }
}

/**
 * The command's work on an open database, so tests run it without a process: every stored secret
 * re-sealed from the configured key (SECRETS_KEY, SECRETS_KEY_FILE or the generated file) to the
 * key in --new-key-file. Exit codes: 0 done, 1 a secret did not open (nothing changed), 2 bad usage
 * (no key configured or generated among them: nothing is created).
 */
export async function rotateSecretsKeyCli(
  db: Db,
  config: Pick<Config, "secretsKey" | "filesDir">,
  args: string[],
  io: CliIo,
): Promise<number> {
  const rotation = rotationOf(config, args, io);
  return typeof rotation === "number" ? rotation : rotate(db, rotation, io);
}

export const rotateSecretsKeyCommand: CommandModule = {
  async run(args) {
    const config = loadConfig();
    const io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };
    const rotation = rotationOf(config, args, io);
    if (typeof rotation === "number") return rotation;
    const opened = openDatabase(config.database);
    try {
      await migrateToLatest(opened.db, opened.dialect);
      return await rotate(opened.db, rotation, io);
    } finally {
      await opened.close();
    }
  },
};

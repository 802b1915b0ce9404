import fs from "node:fs";
import { loadConfig, secretsKeyFromText, type Config } from "../config.js";
import type { Db } from "../db/database.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { keySetting } from "../secrets/seal-stored-secrets.js";
import { rotateSecretsKey, SecretsNotRotated } from "../secrets/rotate-secrets-key.js";
import { secretsKeyOf } from "../secrets/secrets-key.js";
import { secretBoxOf } from "../shared/secret-box.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";
import type { CliIo } from "./create-api-key.js";

const USAGE =
  "Usage: recto rotate-secrets-key --new-key-file PATH   (32 random bytes in base64, e.g. `openssl rand -base64 32 > PATH`)";

/**
 * The command's work on an open database, so tests run it without a process: every stored secret
 * re-sealed from the configured key (SECRETS_KEY, SECRETS_KEY_FILE or the generated file) to the
 * key in --new-key-file. Exit codes: 0 done, 1 a secret did not open (nothing changed), 2 bad usage.
 */
export async function rotateSecretsKeyCli(
  db: Db,
  config: Pick<Config, "secretsKey" | "filesDir">,
  args: string[],
  io: CliIo,
): Promise<number> {
  let file: string | undefined;
  try {
    const parsed = parseOptions(args, { "new-key-file": { type: "string" } });
    if (parsed.positionals.length > 0) throw new Error(`unexpected argument: ${parsed.positionals.join(" ")}`);
    file = parsed.values["new-key-file"];
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (!file) {
    io.err(`--new-key-file is required.\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    io.err(`The file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? "unreadable"}).`);
    return 2;
  }
  const key = secretsKeyFromText(text);
  if (typeof key === "string") {
    io.err(`The file ${file} ${key}.`);
    return 2;
  }
  const { box: current, source } = secretsKeyOf(config);
  const next = secretBoxOf(key);
  if (next.keyId === current.keyId) {
    io.err("The new key is the key in use: make a new one.");
    return 2;
  }
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

export const rotateSecretsKeyCommand: CommandModule = {
  async run(args) {
    const config = loadConfig();
    const opened = openDatabase(config.database);
    try {
      await migrateToLatest(opened.db, opened.dialect);
      return await rotateSecretsKeyCli(opened.db, config, args, {
        out: (l) => console.log(l),
        err: (l) => console.error(l),
      });
    } finally {
      await opened.close();
    }
  },
};

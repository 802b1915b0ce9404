import { systemClock, type Clock } from "../clock.js";
import { loadConfig } from "../config.js";
import { openDatabase, type Db } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { AppError } from "../errors.js";
import { issueApiKeyByPrimaryId } from "../people/api-keys.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";

const USAGE = "Usage: recto create-api-key --institution CODE --user PRIMARY_ID [--label LABEL]";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** The command's work on an open database, so tests can run it without a process. */
export async function createApiKeyCli(db: Db, args: string[], clock: Clock, io: CliIo): Promise<number> {
  let values: { institution?: string; user?: string; label?: string };
  try {
    values = parseOptions(args, {
      institution: { type: "string" },
      user: { type: "string" },
      label: { type: "string" },
    }).values;
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { institution, user, label } = values;
  if (!institution || !user) {
    const missing = [institution ? null : "--institution", user ? null : "--user"].filter(Boolean);
    io.err(`Missing ${missing.join(" and ")}.\n${USAGE}`);
    return 2;
  }
  try {
    const issued = await issueApiKeyByPrimaryId(db, { institution, user, label: label?.trim() || "CLI" }, clock.now());
    if (issued.userStatus !== "ACTIVE") {
      io.err(`Warning: user ${user} is ${issued.userStatus}; the key works only once the user is ACTIVE.`);
    }
    io.out(issued.key);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
}

export const createApiKeyCommand: CommandModule = {
  async run(args) {
    const config = loadConfig();
    const opened = openDatabase(config.database);
    try {
      await migrateToLatest(opened.db, opened.dialect);
      return await createApiKeyCli(opened.db, args, systemClock, consoleIo);
    } finally {
      await opened.close();
    }
  },
};

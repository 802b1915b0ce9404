import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { joinConsortium } from "../rules/tables/consortium.js";
import { parseOptions } from "./args.js";
import type { CliIo } from "./create-api-key.js";
import type { CommandModule } from "./commands.js";
import { withMigratedDatabase } from "./with-database.js";

const USAGE = "Usage: recto join-consortium --institution CODE (--consortium CODE | --leave)";

/** The command's work on an open database, so tests can run it without a process. */
export async function joinConsortiumCli(db: Db, args: string[], io: CliIo): Promise<number> {
  let values: { institution?: string; consortium?: string; leave?: boolean };
  try {
    values = parseOptions(args, {
      institution: { type: "string" },
      consortium: { type: "string" },
      leave: { type: "boolean" },
    }).values;
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { institution, consortium, leave } = values;
  if (!institution || (!consortium && !leave) || (consortium && leave)) {
    io.err(USAGE);
    return 2;
  }
  try {
    await joinConsortium(db, institution, leave ? null : consortium!);
    io.out(leave ? `${institution} left its consortium.` : `${institution} is now a member of ${consortium}.`);
    return 0;
  } catch (err) {
    if (err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED")) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
}

export const joinConsortiumCommand: CommandModule = {
  async run(args) {
    return withMigratedDatabase((db) =>
      joinConsortiumCli(db, args, { out: (l) => console.log(l), err: (l) => console.error(l) }),
    );
  },
};

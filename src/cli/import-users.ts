import fs from "node:fs";
import path from "node:path";
import { systemClock, type Clock } from "../clock.js";
import type { Db } from "../db/database.js";
import { findInstitutionByCode } from "../organisation/institution-repository.js";
import { importUsers } from "../people/user-import/import-users.js";
import { reportLines } from "../people/user-import/report-lines.js";
import { parseOptions } from "./args.js";
import { progressBar } from "./progress.js";
import { withMigratedDatabase } from "./with-database.js";
import type { CliIo } from "./create-api-key.js";
import type { CommandModule } from "./commands.js";

const USAGE = "Usage: recto import-users FILE... --institution CODE [--dry-run] [--expire-missing]";

interface ImportUsersIo extends CliIo {
  /** a terminal gets a progress bar; a pipe or a log file only the report */
  tty: boolean;
}

/**
 * The command's work on an open database, so tests run it without a process. Exit codes: 0 every
 * record loaded, 1 something was left out (the report says what), 2 bad usage.
 */
export async function importUsersCli(db: Db, args: string[], clock: Clock, io: ImportUsersIo): Promise<number> {
  let parsed;
  try {
    parsed = parseOptions(args, {
      institution: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "expire-missing": { type: "boolean", default: false },
    });
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const problems: string[] = [];
  if (positionals.length === 0) problems.push("Name at least one CSV or XML file of users.");
  if (!values.institution) problems.push("--institution is required.");
  for (const f of positionals) if (!fs.existsSync(f) || !fs.statSync(f).isFile()) problems.push(`No file ${f}.`);
  if (problems.length > 0 || !values.institution) {
    io.err([...problems, USAGE].join("\n"));
    return 2;
  }
  const institution = await findInstitutionByCode(db, values.institution);
  if (!institution) {
    io.err(`No institution ${values.institution}.`);
    return 2;
  }
  const files = positionals.map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) }));
  const bar = progressBar(io.tty, "{bar} {percentage}% | {value}/{total} users written | {eta_formatted} left");
  try {
    const report = await importUsers(db, institution.id, files, {
      dryRun: values["dry-run"],
      expireMissing: values["expire-missing"],
      now: clock.now(),
      onProgress: bar.onProgress,
    });
    bar.stop();
    for (const line of reportLines(report)) io.out(line);
    return report.problems.length > 0 ? 1 : 0;
  } finally {
    bar.stop();
  }
}

export const importUsersCommand: CommandModule = {
  async run(args) {
    return withMigratedDatabase((db) =>
      importUsersCli(db, args, systemClock, {
        out: (l) => console.log(l),
        err: (l) => console.error(l),
        tty: process.stderr.isTTY === true,
      }),
    );
  },
};

import fs from "node:fs";
import path from "node:path";
import { systemClock, type Clock } from "../clock.js";
import type { Db } from "../db/database.js";
import { importMarc } from "../catalogue/marc/import-marc.js";
import { somethingSkipped } from "../catalogue/marc/import-report.js";
import { DEFAULT_PROFILE, IMPORT_PROFILES, PROFILE_NAMES } from "../catalogue/marc/import-profiles.js";
import { summaryLines } from "../catalogue/marc/import-summary.js";
import { findInstitutionByCode } from "../organisation/institution-repository.js";
import { parseOptions } from "./args.js";
import { progressBar } from "./progress.js";
import { withMigratedDatabase } from "./with-database.js";
import type { CliIo } from "./create-api-key.js";
import type { CommandModule } from "./commands.js";

const USAGE = `Usage: recto import-marc FILE... --institution CODE [--profile ${PROFILE_NAMES.join("|")}] [--dry-run] [--create-missing]`;

interface ImportMarcIo extends CliIo {
  /** a terminal gets a progress bar; a pipe or a log file only the summary */
  tty: boolean;
}

/**
 * The command's work on an open database, so tests can run it without a process. Exit codes:
 * 0 all imported, 1 something was skipped (the summary says what), 2 bad usage.
 */
export async function importMarcCli(db: Db, args: string[], clock: Clock, io: ImportMarcIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = (a: string[]) =>
    parseOptions(a, {
      institution: { type: "string" },
      profile: { type: "string", default: DEFAULT_PROFILE },
      "dry-run": { type: "boolean", default: false },
      "create-missing": { type: "boolean", default: false },
    });
  try {
    parsed = parse(args);
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const problems: string[] = [];
  if (positionals.length === 0) problems.push("Name at least one MARC file.");
  if (!values.institution) problems.push("--institution is required.");
  const profile = IMPORT_PROFILES[values.profile];
  if (!profile) problems.push(`--profile must be one of ${PROFILE_NAMES.join(", ")}.`);
  for (const f of positionals) if (!fs.existsSync(f) || !fs.statSync(f).isFile()) problems.push(`No file ${f}.`);
  if (problems.length > 0 || !profile || !values.institution) {
    io.err([...problems, USAGE].join("\n"));
    return 2;
  }
  const institution = await findInstitutionByCode(db, values.institution);
  if (!institution) {
    io.err(`No institution ${values.institution}.`);
    return 2;
  }
  const files = positionals.map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) }));
  const bar = progressBar(io.tty, "{bar} {percentage}% | {value}/{total} records | {eta_formatted} left");
  try {
    const report = await importMarc(db, files, {
      institutionId: institution.id,
      profile,
      dryRun: values["dry-run"],
      createMissing: values["create-missing"],
      now: clock.now(),
      onProgress: bar.onProgress,
    });
    bar.stop();
    for (const line of summaryLines(report)) io.out(line);
    return somethingSkipped(report) ? 1 : 0;
  } finally {
    bar.stop();
  }
}

export const importMarcCommand: CommandModule = {
  async run(args) {
    return withMigratedDatabase((db) =>
      importMarcCli(db, args, systemClock, {
        out: (l) => console.log(l),
        err: (l) => console.error(l),
        tty: process.stderr.isTTY === true,
      }),
    );
  },
};

import type { Actor } from "../auth/actor.js";
import { systemClock } from "../clock.js";
import { loadConfig } from "../config.js";
import type { DomainContext } from "../context.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { closeRenderPools } from "../letters/render.js";
import { findInstitutionByCode } from "../organisation/institution-repository.js";
import { checkReadiness } from "../readiness/check-readiness.js";
import { createLogger } from "../server/logger.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";
import type { CliIo } from "./create-api-key.js";

const USAGE = "Usage: recto check-config --institution CODE";

/**
 * The operator at the command line runs the check for an institution they name, as its
 * administrator would: the command is the operator's, like create-institution, so it acts with
 * the institution-wide reading rights of the system rather than as one of its users.
 */
const operatorOf = (institutionId: number): Actor => ({
  userId: 0,
  institutionId,
  primaryId: "recto check-config",
  grants: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR", scopeType: "institution", scopeId: null, deskLibraryId: null }],
  via: "system",
});

/**
 * The command's work on an open database, so tests run it without a process. Prints a line per
 * problem (warnings too, marked so), then "ready" or how many problems stop the institution.
 * Exit codes: 0 ready, 1 not ready, 2 bad usage.
 */
export async function checkConfigCli(ctx: DomainContext, args: string[], io: CliIo): Promise<number> {
  let institution: string | undefined;
  try {
    const parsed = parseOptions(args, { institution: { type: "string" } });
    if (parsed.positionals.length > 0) throw new Error(`unexpected argument: ${parsed.positionals.join(" ")}`);
    institution = parsed.values.institution;
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (!institution) {
    io.err(`--institution is required.\n${USAGE}`);
    return 2;
  }
  const inst = await findInstitutionByCode(ctx.db, institution);
  if (!inst) {
    io.err(`No institution ${institution}.`);
    return 2;
  }
  const result = await checkReadiness(ctx, operatorOf(inst.id));
  const base = `${ctx.config.publicUrl}/i/${encodeURIComponent(inst.code)}`;
  let failing = 0;
  for (const check of result.checks) {
    for (const p of check.problems) {
      if (p.severity === "fail") failing += 1;
      const mark = p.severity === "fail" ? "problem" : "warning";
      io.out(`${mark} [${check.id}] ${p.message} Fix: ${base}${p.fix.page} (${p.fix.api})`);
    }
  }
  io.out(result.ready ? "ready" : `${failing} problem${failing === 1 ? "" : "s"}`);
  return result.ready ? 0 : 1;
}

export const checkConfigCommand: CommandModule = {
  async run(args) {
    const config = loadConfig();
    const opened = openDatabase(config.database);
    try {
      await migrateToLatest(opened.db, opened.dialect);
      const ctx: DomainContext = {
        config,
        db: opened.db,
        dialect: opened.dialect,
        clock: systemClock,
        log: createLogger(config.logLevel),
      };
      return await checkConfigCli(ctx, args, { out: (l) => console.log(l), err: (l) => console.error(l) });
    } finally {
      await closeRenderPools();
      await opened.close();
    }
  },
};

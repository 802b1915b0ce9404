import { randomBytes } from "node:crypto";
import { z } from "zod";
import { systemClock } from "../clock.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { createInstitution } from "../organisation/create-institution.js";
import { hashPassword } from "../people/login.js";
import { PREDEFINED_DIGITIZATION_RULES } from "../rules/tables/predefined-rules.js";
import { listDepartments } from "../organisation/departments-repository.js";
import { languageField, timeZoneField } from "../organisation/fields.js";
import { codeField, nameField } from "../server/schemas.js";
import { parseOptions } from "./args.js";
import type { CommandModule } from "./commands.js";
import { withMigratedDatabase } from "./with-database.js";

const USAGE =
  "Usage: recto create-institution --code CODE --name NAME [--time-zone ZONE] [--language en] [--admin PRIMARY_ID [--admin-email EMAIL]]";

const inputSchema = z.object({
  code: codeField,
  name: nameField,
  time_zone: timeZoneField.default("UTC"),
  default_language: languageField.default("en"),
  admin: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .regex(/^\S+$/, "must not contain spaces")
    .optional(),
  admin_email: z.email("must be a valid email address").max(254).optional(),
});
type CreateInstitutionInput = z.infer<typeof inputSchema>;

/** Reads the options; returns the problems, one per line, instead of throwing. */
export function parseCreateInstitutionArgs(
  args: string[],
): { ok: true; input: CreateInstitutionInput } | { ok: false; problems: string[] } {
  let values: Record<string, unknown>;
  try {
    const parsed = parseOptions(args, {
      code: { type: "string" },
      name: { type: "string" },
      "time-zone": { type: "string" },
      language: { type: "string" },
      admin: { type: "string" },
      "admin-email": { type: "string" },
    });
    if (parsed.positionals.length > 0) {
      return { ok: false, problems: [`unexpected argument: ${parsed.positionals.join(" ")}`] };
    }
    values = parsed.values;
  } catch (err) {
    return { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
  }
  const missing = ["code", "name"].filter((o) => values[o] === undefined);
  if (missing.length > 0) return { ok: false, problems: missing.map((o) => `--${o} is required`) };
  const result = inputSchema.safeParse({
    code: values.code,
    name: values.name,
    time_zone: values["time-zone"],
    default_language: values.language,
    admin: values.admin,
    admin_email: values["admin-email"],
  });
  if (result.success && result.data.admin_email !== undefined && result.data.admin === undefined) {
    return { ok: false, problems: ["--admin-email needs --admin"] };
  }
  if (result.success) return { ok: true, input: result.data };
  const option: Record<string, string> = {
    time_zone: "--time-zone",
    default_language: "--language",
    admin_email: "--admin-email",
  };
  return {
    ok: false,
    problems: result.error.issues.map((i) => {
      const key = String(i.path[0]);
      return `${option[key] ?? `--${key}`} ${i.message}`;
    }),
  };
}

/** Creates the institution and prints what it starts with; returns the exit code. */
export async function createInstitutionAndReport(
  db: Db,
  input: CreateInstitutionInput,
  now: Date,
  print: (line: string) => void,
  printError: (line: string) => void,
): Promise<number> {
  try {
    const password = input.admin ? randomBytes(12).toString("base64url") : null;
    const { code, name, time_zone, default_language } = input;
    const { id, admin } = await createInstitution(
      db,
      { code, name, time_zone, default_language },
      now,
      input.admin && password
        ? { primary_id: input.admin, email: input.admin_email ?? null, password_hash: await hashPassword(password) }
        : undefined,
    );
    const departments = await listDepartments(db, id);
    print(`Created institution ${input.code} (id ${id}): ${input.name}`);
    print(`  time zone: ${input.time_zone}, default language: ${input.default_language}`);
    for (const d of departments) {
      const serving = d.serves_all_libraries === 1 ? ", serving the whole institution" : "";
      print(`  digitization department: ${d.code} (${d.name})${serving}`);
    }
    print(
      `  digitization rules: the Default Digitization Rule, and ${PREDEFINED_DIGITIZATION_RULES.length} predefined rules, disabled`,
    );
    print("  delivery rules: deliver to nobody until a rule allows it; no patron limits; no display rules");
    if (admin && password) {
      print(`  administrator: ${input.admin} (General System Administrator)`);
      print(`    password (shown once; change it after signing in): ${password}`);
      print(`    API key (shown once): ${admin.apiKey}`);
    } else {
      print("  no administrator: add one with --admin, or create a user and `recto create-api-key`");
    }
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === "DUPLICATE") {
      printError(err.message);
      return 2;
    }
    throw err;
  }
}

export const createInstitutionCommand: CommandModule = {
  async run(args) {
    const parsed = parseCreateInstitutionArgs(args);
    if (!parsed.ok) {
      for (const p of parsed.problems) console.error(p);
      console.error(USAGE);
      return 2;
    }
    const input = parsed.input;
    return withMigratedDatabase((db) =>
      createInstitutionAndReport(db, input, systemClock.now(), console.log, console.error),
    );
  },
};

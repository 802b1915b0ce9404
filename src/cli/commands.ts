/*
 * The command table. It names each command's module but imports none of them: `recto --help` (and
 * a mistyped command) loads only this file and prints, and `recto <command>` loads that command's
 * module alone when it runs. Keep it that way: a static import here would load the whole app
 * (database drivers, Fastify, PDF code) before the first line of help.
 */

/** What a command module exports: how to run it. Its one-line summary lives in the table below. */
export interface CommandModule {
  /** returns the process exit code */
  run(args: string[]): Promise<number>;
}

export interface Command extends CommandModule {
  summary: string;
}

const lazy = (summary: string, load: () => Promise<CommandModule>): Command => ({
  summary,
  run: async (args) => (await load()).run(args),
});

export const commands: Record<string, Command> = {
  serve: lazy(
    "Start the web server and the background worker (--demo: create the demo institution first)",
    async () => (await import("./serve.js")).serveCommand,
  ),
  migrate: lazy(
    "Apply pending database migrations (also done at every start)",
    async () => (await import("./migrate.js")).migrateCommand,
  ),
  "create-api-key": lazy(
    "Create an API key for a user and print it (--institution CODE --user PRIMARY_ID [--label L])",
    async () => (await import("./create-api-key.js")).createApiKeyCommand,
  ),
  "create-institution": lazy(
    "Create an institution (tenant) with its starting department and default digitization rule",
    async () => (await import("./create-institution.js")).createInstitutionCommand,
  ),
  worker: lazy(
    "Run the background jobs (letters outbox, request expiry) until stopped; --once: run each job once and exit",
    async () => (await import("./worker.js")).workerCommand,
  ),
  "join-consortium": lazy(
    "Make an institution a member of a consortium, whose rules it inherits (--institution CODE --consortium CODE | --leave)",
    async () => (await import("./join-consortium.js")).joinConsortiumCommand,
  ),
  "check-config": lazy(
    "Check that an institution is ready to take requests: a line per problem; exit 0 when ready, 1 otherwise (--institution CODE)",
    async () => (await import("./check-config.js")).checkConfigCommand,
  ),
  "rotate-secrets-key": lazy(
    "Re-seal the secrets stored in the database (SAML keys, OpenID client secrets) with a new key; stop the server first (--new-key-file PATH)",
    async () => (await import("./rotate-secrets-key.js")).rotateSecretsKeyCommand,
  ),
  "import-marc": lazy(
    "Import MARC records (ISO 2709 or MARCXML, MARC-8 or UTF-8) with their items into an institution",
    async () => (await import("./import-marc.js")).importMarcCommand,
  ),
  "import-users": lazy(
    "Load patrons from CSV or the reference platform's user XML: create, update by primary id, report bad rows (--institution CODE [--dry-run] [--expire-missing])",
    async () => (await import("./import-users.js")).importUsersCommand,
  ),
};

/**
 * `recto <command> [options]`: runs the command, or prints the list of commands (`help`, `--help`,
 * none: exit 0; an unknown name: exit 2). Returns the exit code.
 */
export async function runCommandLine(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const [name, ...rest] = argv;
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    print("Usage: recto <command> [options]\n\nCommands:");
    for (const [n, c] of Object.entries(commands)) print(`  ${n.padEnd(20)} ${c.summary}`);
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  return command.run(rest);
}

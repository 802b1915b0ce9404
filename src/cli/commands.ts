import { createApiKeyCommand } from "./create-api-key.js";
import { createInstitutionCommand } from "./create-institution.js";
import { importMarcCommand } from "./import-marc.js";
import { joinConsortiumCommand } from "./join-consortium.js";
import { migrateCommand } from "./migrate.js";
import { serveCommand } from "./serve.js";
import { workerCommand } from "./worker.js";

export interface Command {
  summary: string;
  /** returns the process exit code */
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  "create-api-key": createApiKeyCommand,
  "create-institution": createInstitutionCommand,
  worker: workerCommand,
  "join-consortium": joinConsortiumCommand,
  "import-marc": importMarcCommand,
};

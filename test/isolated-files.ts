/*
 * Test files share a worker's loaded modules (vitest.config.ts, isolate: false): loading the
 * server's modules again for each file took longer than most files' tests. What a module keeps
 * about a database's rows is kept per database (src/db/per-database.ts), so a file's fresh
 * database never meets another's cache. These files replace modules (vi.mock), spy on shared
 * ones or set the process's environment: each runs with modules of its own, as every file used
 * to. isolated-files.test.ts fails when a file that does so is missing here.
 */
export const ISOLATED = [
  "src/server/start-imports.test.ts",
  "src/worker/jobs.test.ts",
  "src/files/file-storage.test.ts",
  "src/secrets/seal-stored-secrets.test.ts",
  "src/secrets/secrets-key.test.ts",
  "src/cli/create-institution.test.ts",
  "src/cli/commands.test.ts",
  "src/sign-on/saml/sp-certificate.test.ts",
  "src/printing/printouts.test.ts",
  "src/people/login.test.ts",
  "src/letters/letters-routes.test.ts",
];

/** What in a test file's text changes modules or the process for the files after it. */
export const CHANGES_SHARED_STATE =
  /\bvi\.(mock|doMock|spyOn|stubEnv|stubGlobal|useFakeTimers)\(|process\.env\.[A-Za-z_]+\s*=[^=]|delete process\.env\./;

import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, runCommandLine } from "./commands.js";

// Each command module, replaced by a stand-in that notes when it is loaded: the help must load
// none of them (they pull in the database drivers, Fastify, the PDF and S3 code), and a command
// only its own.
const { loaded, ran, stand_in } = vi.hoisted(() => {
  const loaded: string[] = [];
  const ran: string[] = [];
  const stand_in = (name: string, exportName: string) => {
    loaded.push(name);
    const run = (args: string[]) => {
      ran.push(name);
      return Promise.resolve(args.length);
    };
    return { [exportName]: { run } };
  };
  return { loaded, ran, stand_in };
});
vi.mock("./serve.js", () => stand_in("serve", "serveCommand"));
vi.mock("./migrate.js", () => stand_in("migrate", "migrateCommand"));
vi.mock("./create-api-key.js", () => stand_in("create-api-key", "createApiKeyCommand"));
vi.mock("./create-institution.js", () => stand_in("create-institution", "createInstitutionCommand"));
vi.mock("./worker.js", () => stand_in("worker", "workerCommand"));
vi.mock("./join-consortium.js", () => stand_in("join-consortium", "joinConsortiumCommand"));
vi.mock("./import-marc.js", () => stand_in("import-marc", "importMarcCommand"));
vi.mock("./check-config.js", () => stand_in("check-config", "checkConfigCommand"));
vi.mock("./import-users.js", () => stand_in("import-users", "importUsersCommand"));
vi.mock("./rotate-secrets-key.js", () => stand_in("rotate-secrets-key", "rotateSecretsKeyCommand"));

const capture = () => {
  const lines: string[] = [];
  return { lines, print: (l: string) => lines.push(l) };
};

describe("recto's command line", () => {
  beforeEach(() => {
    // a module is loaded once per test file, so the tests below see only what they load first
    vi.resetModules();
    loaded.length = 0;
    ran.length = 0;
  });

  it.each([["--help"], ["help"]])("prints every command for %s without loading any command", async (arg) => {
    const out = capture();
    expect(await runCommandLine([arg], out.print)).toBe(0);
    expect(out.lines[0]).toMatch(/^Usage: recto <command>/);
    for (const name of Object.keys(commands)) expect(out.lines.join("\n")).toContain(`  ${name} `);
    expect(out.lines.join("\n")).toContain("Apply pending database migrations");
    expect(loaded).toEqual([]);
  });

  it("prints the help with no command, and with an unknown one answers 2, loading nothing", async () => {
    expect(await runCommandLine([], capture().print)).toBe(0);
    for (const bad of ["srve", "constructor", "__proto__"]) {
      const out = capture();
      expect(await runCommandLine([bad, "--x"], out.print)).toBe(2);
      expect(out.lines[0]).toMatch(/^Usage: recto <command>/);
    }
    expect(loaded).toEqual([]);
  });

  it("loads only the command it runs, and passes it the remaining arguments", async () => {
    expect(await runCommandLine(["migrate"], capture().print)).toBe(0);
    expect(loaded).toEqual(["migrate"]);
    expect(await runCommandLine(["import-marc", "a.mrc", "--institution", "X"], capture().print)).toBe(3);
    expect(loaded).toEqual(["migrate", "import-marc"]);
  });

  it("finds every command's module and runs it", async () => {
    for (const name of Object.keys(commands)) expect(await runCommandLine([name, "x"], capture().print)).toBe(1);
    expect(ran).toEqual(Object.keys(commands));
  });
});

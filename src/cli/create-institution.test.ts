import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { client } from "../../test/api.js";
import { useTestApp } from "../../test/harness.js";
import { commands } from "./commands.js";
import { createInstitutionAndReport, parseCreateInstitutionArgs } from "./create-institution.js";

const t = useTestApp();

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (l: string) => out.push(l), printError: (l: string) => err.push(l) };
};

describe("recto create-institution", () => {
  it("reads the options, with UTC and English by default", () => {
    expect(parseCreateInstitutionArgs(["--code", "UNI", "--name", "University"])).toEqual({
      ok: true,
      input: { code: "UNI", name: "University", time_zone: "UTC", default_language: "en" },
    });
    const full = parseCreateInstitutionArgs([
      "--code",
      "UNI",
      "--name",
      "U",
      "--time-zone",
      "europe/paris",
      "--language",
      "FR",
    ]);
    expect(full).toMatchObject({ ok: true, input: { time_zone: "Europe/Paris", default_language: "fr" } });
  });

  it("explains every bad option", () => {
    expect(parseCreateInstitutionArgs([])).toEqual({
      ok: false,
      problems: ["--code is required", "--name is required"],
    });
    const bad = parseCreateInstitutionArgs([
      "--code",
      "A B",
      "--name",
      "x",
      "--time-zone",
      "Mars/Base",
      "--language",
      "english",
    ]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toHaveLength(3);
    expect(bad.problems.join("\n")).toMatch(/--code .*\n--time-zone .*IANA.*\n--language /);
    const unknown = parseCreateInstitutionArgs(["--code", "A", "--name", "x", "--colour", "red"]);
    expect(unknown).toMatchObject({ ok: false, problems: [expect.stringMatching(/--colour/)] });
    expect(parseCreateInstitutionArgs(["--code", "A", "--name", "x", "stray"])).toMatchObject({ ok: false });
  });

  it("creates the institution with its department and reports it; a duplicate code exits 2", async () => {
    const code = `CLI_${randomBytes(4).toString("hex")}`;
    const input = { code, name: "CLI University", time_zone: "Europe/Paris", default_language: "fr" };
    const first = capture();
    expect(await createInstitutionAndReport(t.ctx.db, input, t.clock.now(), first.print, first.printError)).toBe(0);
    expect(first.out.join("\n")).toMatch(new RegExp(`Created institution ${code} \\(id \\d+\\): CLI University`));
    expect(first.out.join("\n")).toContain("DIGI_DEPT_INST");
    const row = await t.ctx.db
      .selectFrom("institutions")
      .selectAll()
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "CLI University", time_zone: "Europe/Paris", default_language: "fr" });

    const second = capture();
    expect(await createInstitutionAndReport(t.ctx.db, input, t.clock.now(), second.print, second.printError)).toBe(2);
    expect(second.err.join("\n")).toMatch(/already exists/);
    expect(second.out).toEqual([]);
  });

  it("creates the first administrator with --admin: a password and an API key that work, shown once", async () => {
    const code = `ADM_${randomBytes(3).toString("hex").toUpperCase()}`;
    const parsed = parseCreateInstitutionArgs([
      "--code",
      code,
      "--name",
      "With an admin",
      "--admin",
      "boss",
      "--admin-email",
      "boss@example.edu",
    ]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const out = capture();
    expect(await createInstitutionAndReport(t.ctx.db, parsed.input, t.clock.now(), out.print, out.printError)).toBe(0);
    const text = out.out.join("\n");
    expect(text).toContain("administrator: boss (General System Administrator)");
    const password = /password \(shown once; change it after signing in\): (\S+)/.exec(text)![1]!;
    const key = /API key \(shown once\): (\S+)/.exec(text)![1]!;
    const tables = await client(t.app, key).get("/api/v1/rule-tables/patron_limits");
    expect(tables.status).toBe(200);
    const signIn = await client(t.app).post("/api/v1/auth/login", { institution: code, user_id: "boss", password });
    expect(signIn.status).toBe(200);
    const wrong = await client(t.app).post("/api/v1/auth/login", { institution: code, user_id: "boss", password: "x" });
    expect(wrong.status).toBe(401);
  });

  it("refuses a bad administrator option", () => {
    expect(parseCreateInstitutionArgs(["--code", "A", "--name", "B", "--admin-email", "x@example.edu"])).toEqual({
      ok: false,
      problems: ["--admin-email needs --admin"],
    });
    const bad = parseCreateInstitutionArgs([
      "--code",
      "A",
      "--name",
      "B",
      "--admin",
      "two words",
      "--admin-email",
      "nope",
    ]);
    expect(bad).toEqual({
      ok: false,
      problems: ["--admin must not contain spaces", "--admin-email must be a valid email address"],
    });
  });

  it("runs as the registered command: exit 0 when created, 2 on a duplicate or bad options", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-cli-"));
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = path.join(dir, "recto.db");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const command = commands["create-institution"]!;
    try {
      expect(await command.run(["--code", "DEMO", "--name", "Demo University"])).toBe(0);
      expect(log.mock.calls.flat().join("\n")).toMatch(/Created institution DEMO/);
      expect(await command.run(["--code", "DEMO", "--name", "Again"])).toBe(2);
      expect(error.mock.calls.flat().join("\n")).toMatch(/DEMO already exists/);
      error.mockClear();
      expect(await command.run(["--code", "X", "--name", "Y", "--time-zone", "Nowhere/At_All"])).toBe(2);
      expect(error.mock.calls.flat().join("\n")).toMatch(/--time-zone .*\nUsage: recto create-institution/);
    } finally {
      log.mockRestore();
      error.mockRestore();
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../test/harness.js";
import { seedDemo } from "../demo/seed-demo.js";
import { createInstitution } from "../organisation/create-institution.js";
import { checkConfigCli } from "./check-config.js";

const t = useTestApp();

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await checkConfigCli(t.ctx, args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-cli-check-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("recto check-config", () => {
  it("prints 'ready' and exits 0 for the demo", async () => {
    const demo = await seedDemo(t.ctx, { institutionCode: `DEMO_${randomBytes(3).toString("hex").toUpperCase()}` });
    const r = await run(["--institution", demo.institutionCode]);
    expect(r).toEqual({ code: 0, out: ["ready"], err: [] });
  });

  it("prints a line per problem with its fix, then how many, and exits 1 for a new institution", async () => {
    const code = `NEW_${randomBytes(3).toString("hex").toUpperCase()}`;
    const { id } = await createInstitution(t.ctx.db, { code, name: "New" }, t.clock.now());
    const dept = await t.ctx.db
      .selectFrom("departments")
      .select("id")
      .where("institution_id", "=", id)
      .executeTakeFirstOrThrow();
    const r = await run(["--institution", code]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    const base = `${t.config.publicUrl}/i/${code}`;
    expect(r.out).toEqual([
      `problem [libraries_served] The institution has no library yet: add the libraries whose items patrons may ask to have scanned. Fix: ${base}/staff/setup/libraries (POST /api/v1/libraries)`,
      `problem [places_have_printers] Department DIGI_DEPT_INST prints a pick slip for each request but has no default printer. Fix: ${base}/staff/setup/departments/DIGI_DEPT_INST#printer (PATCH /api/v1/departments/${dept.id})`,
      `problem [delivery_rules_cover_groups] There are no user groups yet: patrons belong to a group, and the rules say what each group may do. Fix: ${base}/staff/setup/user-groups (POST /api/v1/user-groups)`,
      `problem [places_have_operators] Department DIGI_DEPT_INST has no operator: nobody can scan, upload or deliver its requests. Fix: ${base}/staff/setup/departments/DIGI_DEPT_INST#operators (POST /api/v1/departments/${dept.id}/operators)`,
      "4 problems",
    ]);
  });

  it("exits 2 on bad arguments and an unknown institution, with the usage", async () => {
    expect(await run([])).toMatchObject({ code: 2, err: [expect.stringMatching(/--institution is required/)] });
    expect(await run(["--institution", "X", "--colour", "red"])).toMatchObject({
      code: 2,
      err: [expect.stringMatching(/--colour[\s\S]*Usage: recto check-config --institution CODE/)],
    });
    expect(await run(["--institution", "X", "stray"])).toMatchObject({ code: 2 });
    expect(await run(["--institution", "NO_SUCH_PLACE"])).toEqual({
      code: 2,
      out: [],
      err: ["No institution NO_SUCH_PLACE."],
    });
  });

  it("runs as the registered command through bin/recto.mjs", () => {
    const env = {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: path.join(dir, "recto.db"),
      LOG_LEVEL: "silent",
      RECTO_FROM_SOURCE: "1",
    };
    const recto = (args: string[]) =>
      spawnSync(process.execPath, [path.resolve("bin/recto.mjs"), ...args], { env, encoding: "utf8", timeout: 60_000 });
    expect(recto(["create-institution", "--code", "UNI", "--name", "University"]).status).toBe(0);
    const r = recto(["check-config", "--institution", "UNI"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("4 problems");
    expect(recto(["check-config"]).status).toBe(2);
  }, 120_000);
});

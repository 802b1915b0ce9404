import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeInstitution } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { importMarcCli } from "./import-marc.js";

const t = useTestApp();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-marc-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const record = (id: string, library: string) => `<record><leader>00000nam a2200000 a 4500</leader>
  <controlfield tag="001">${id}</controlfield>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">Title ${id}</subfield></datafield>
  <datafield tag="949" ind1=" " ind2=" "><subfield code="i">BC-${id}</subfield><subfield code="l">STACKS</subfield><subfield code="m">${library}</subfield></datafield>
</record>`;

const run = async (args: string[], tty = false) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importMarcCli(t.ctx.db, args, t.clock, { out: (l) => out.push(l), err: (l) => err.push(l), tty });
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describe("recto import-marc", () => {
  it("imports, prints a summary and exits 0 when nothing was left out", async () => {
    const inst = await makeInstitution(t.ctx);
    const file = write("good.xml", `<collection>${record("G1", "MAIN")}${record("G2", "LAW")}</collection>`);
    const res = await run([file, "--institution", inst.code, "--profile", "evergreen"]);
    expect(res).toMatchObject({ code: 0, err: "" });
    expect(res.out).toContain("2 record(s) read from 1 file(s), 0 skipped");
    expect(res.out).toContain("Records: 2 created, 0 updated, 0 unchanged.");
    expect(res.out).toContain("Items: 2 created");

    const again = await run([file, "--institution", inst.code, "--dry-run"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("Dry run (nothing was written)");
    expect(again.out).toContain("Records: 0 would be created, 0 would be updated, 2 unchanged.");
  });

  it("exits 1 with the problems listed when records or items were skipped", async () => {
    const inst = await makeInstitution(t.ctx);
    const file = write(
      "mixed.xml",
      `<collection>${record("M1", "ELSEWHERE")}<record><leader>short</leader></record></collection>`,
    );
    const res = await run([file, "--institution", inst.code]);
    expect(res.code).toBe(1);
    expect(res.out).toContain("Unknown libraries: ELSEWHERE (1 item(s))");
    expect(res.out).toContain("mixed.xml record 2: has a leader of 5 characters instead of 24");
    const libraries = await t.ctx.db
      .selectFrom("libraries")
      .select("code")
      .where("institution_id", "=", inst.id)
      .execute();
    expect(libraries.map((l) => l.code).sort()).toEqual(["LAW", "MAIN"]);

    const created = await run([file, "--institution", inst.code, "--create-missing"]);
    expect(created.out).toContain("Libraries created: ELSEWHERE");
  });

  it("refuses bad usage with exit 2 and the usage line", async () => {
    const inst = await makeInstitution(t.ctx);
    const noFile = await run(["--institution", inst.code]);
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain("Name at least one MARC file.");
    expect(noFile.err).toContain("Usage: recto import-marc");
    expect((await run([path.join(dir, "missing.mrc"), "--institution", inst.code])).err).toContain("No file");
    expect(
      (await run([write("x.xml", "<collection/>"), "--institution", inst.code, "--profile", "nope"])).err,
    ).toContain("--profile must be one of evergreen, marc21.");
    expect((await run([write("y.xml", "<collection/>"), "--institution", "NO_SUCH"])).err).toBe(
      "No institution NO_SUCH.",
    );
    expect((await run(["--bogus"])).code).toBe(2);
  });
});

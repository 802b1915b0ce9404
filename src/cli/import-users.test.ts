import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { importUsersCli } from "./import-users.js";

const t = useTestApp();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-users-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importUsersCli(t.ctx.db, args, t.clock, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    tty: false,
  });
  return { code, out, err: err.join("\n") };
};

const usersOf = (inst: InstitutionFixture) =>
  t.ctx.db
    .selectFrom("users as u")
    .leftJoin("user_groups as g", "g.id", "u.user_group_id")
    .select([
      "u.primary_id",
      "u.first_name",
      "u.last_name",
      "u.email",
      "g.code as user_group",
      "u.preferred_language",
      "u.status",
      "u.expiry_date",
      "u.barcode",
      "u.updated_at",
    ])
    .where("u.institution_id", "=", inst.id)
    .orderBy("u.primary_id")
    .execute();

const HEADER = "primary_id,first_name,last_name,email,user_group,preferred_language,expiry_date,status,barcode";

describe("recto import-users", () => {
  it("creates new users, updates existing ones by primary id, and exits 0 when nothing was left out", async () => {
    const inst = await makeInstitution(t.ctx);
    const first = write(
      "first.csv",
      [
        HEADER,
        "s100,Ana,López,ana@example.edu,UNDERGRAD,es,2027-06-30,,B100",
        '"s101","Chidi","Okafor, Jr.",chidi@example.edu,GRAD,,2027-06-30T00:00:00Z,active,',
      ].join("\r\n"),
    );
    const res = await run([first, "--institution", inst.code]);
    expect(res).toMatchObject({ code: 0, err: "" });
    expect(res.out).toEqual(["Users created 2, updated 0, unchanged 0, expired 0; 0 of 2 records left out."]);
    const users = await usersOf(inst);
    expect(users.map(({ updated_at: _u, ...u }) => u)).toEqual([
      {
        primary_id: "s100",
        first_name: "Ana",
        last_name: "López",
        email: "ana@example.edu",
        user_group: "UNDERGRAD",
        preferred_language: "es",
        status: "ACTIVE",
        expiry_date: "2027-06-30",
        barcode: "B100",
      },
      {
        primary_id: "s101",
        first_name: "Chidi",
        last_name: "Okafor, Jr.",
        email: "chidi@example.edu",
        user_group: "GRAD",
        preferred_language: null,
        status: "ACTIVE",
        expiry_date: "2027-06-30",
        barcode: null,
      },
    ]);

    // The next load moves Ana to GRAD and leaves Chidi as he is; an empty cell keeps what is there.
    const second = write("second.csv", `primary_id,user_group,email\ns100,GRAD,\ns101,GRAD,chidi@example.edu\n`);
    const again = await run([second, "--institution", inst.code]);
    expect(again.out).toEqual(["Users created 0, updated 1, unchanged 1, expired 0; 0 of 2 records left out."]);
    const after = await usersOf(inst);
    expect(after[0]).toMatchObject({ primary_id: "s100", user_group: "GRAD", email: "ana@example.edu" });
    expect(after[1]!.updated_at).toBe(users[1]!.updated_at);
  });

  it("reports each bad row (file, row, field, reason), loads the rest and exits 1", async () => {
    const inst = await makeInstitution(t.ctx);
    const holder = await makeUser(t.ctx, inst);
    await t.ctx.db.updateTable("users").set({ barcode: "TAKEN" }).where("id", "=", holder.id).execute();
    const file = write(
      "mixed.csv",
      [
        HEADER,
        "ok1,A,Good,,UNDERGRAD,,,,",
        "bad1,B,Bad,not-an-email,UNDERGRAD,,,,",
        "bad2,C,Bad,,NO_SUCH_GROUP,,,,",
        "bad3,D,Bad,,,,31/12/2027,,",
        "bad4,E,Bad,,,,,RETIRED,",
        ",F,No id,,,,,,",
        "bad5,G,,,,,,,",
        "bad6,H,Bad,,,,,,TAKEN",
        "ok1,I,Twice,,,,,,",
        "bad7,J,Bad,,,,,,,extra",
      ].join("\n"),
    );
    const res = await run([file, "--institution", inst.code]);
    expect(res.code).toBe(1);
    expect(res.out).toEqual([
      "Users created 1, updated 0, unchanged 0, expired 0; 9 of 10 records left out.",
      "mixed.csv:3 email: must be a valid email address",
      "mixed.csv:4 user_group: There is no user group with code NO_SUCH_GROUP in this institution.",
      "mixed.csv:5 expiry_date: must be a date written YYYY-MM-DD",
      "mixed.csv:6 status: must be ACTIVE or INACTIVE",
      "mixed.csv:7 primary_id: is required",
      "mixed.csv:8 last_name: is required for a new user",
      `mixed.csv:9 barcode: The library card TAKEN belongs to user ${holder.primaryId}.`,
      "mixed.csv:10 primary_id: ok1 is also on mixed.csv row 2; each user is listed once per load.",
      "mixed.csv:11: The row has 10 cells; the header names 9 columns.",
    ]);
    expect((await usersOf(inst)).map((u) => u.primary_id).sort()).toEqual(["ok1", holder.primaryId].sort());
  });

  it("a dry run reports what it would do and writes nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const file = write("dry.csv", `primary_id,last_name\nd1,One\nd2,Two\n`);
    const res = await run([file, "--institution", inst.code, "--dry-run"]);
    expect(res.code).toBe(0);
    expect(res.out[0]).toBe(
      "Dry run, nothing written: would have created 2, updated 0, unchanged 0, expired 0; 0 of 2 records left out.",
    );
    expect(await usersOf(inst)).toEqual([]);
  });

  it("a full load expires the patrons it no longer lists, but never staff, nor anyone when a file is unreadable", async () => {
    const inst = await makeInstitution(t.ctx);
    const gone = await makeUser(t.ctx, inst);
    const staff = await makeUser(t.ctx, inst, { roles: [{ role: "REQUESTS_OPERATOR" }] });
    const kept = await makeUser(t.ctx, inst);
    const badRow = await makeUser(t.ctx, inst);
    const full = write(
      "full.csv",
      `primary_id,last_name,email\n${kept.primaryId},Kept,\n${badRow.primaryId},Bad row,nope\n`,
    );
    const broken = write("broken.csv", "primary_id,last_nmae\nx,y\n");

    const refused = await run([full, broken, "--institution", inst.code, "--expire-missing"]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      "broken.csv:0: Nobody was expired: a file of this full load could not be read whole.",
    );
    expect((await usersOf(inst)).every((u) => u.expiry_date === null)).toBe(true);

    const res = await run([full, "--institution", inst.code, "--expire-missing"]);
    // Kept was updated by the refused run already: its good rows loaded, only the expiry was held back.
    expect(res.out[0]).toBe("Users created 0, updated 0, unchanged 1, expired 1; 1 of 2 records left out.");
    const yesterday = new Date(t.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    const byId = new Map((await usersOf(inst)).map((u) => [u.primary_id, u.expiry_date]));
    expect(byId.get(gone.primaryId)).toBe(yesterday);
    expect(byId.get(staff.primaryId)).toBeNull();
    expect(byId.get(kept.primaryId)).toBeNull();
    // listed, though its row was bad: not expired
    expect(byId.get(badRow.primaryId)).toBeNull();
  });

  it("reads the platform's user XML", async () => {
    const inst = await makeInstitution(t.ctx);
    const file = write(
      "users.xml",
      `<users><user><primary_id>x1</primary_id><last_name>Xu</last_name><user_group desc="Faculty">FACULTY</user_group><expiry_date>2028-01-31Z</expiry_date></user></users>`,
    );
    const res = await run([file, "--institution", inst.code]);
    expect(res.code).toBe(0);
    expect(await usersOf(inst)).toMatchObject([
      { primary_id: "x1", last_name: "Xu", user_group: "FACULTY", expiry_date: "2028-01-31" },
    ]);
  });

  it("exits 2 on bad usage, writing nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    expect((await run(["--institution", inst.code])).code).toBe(2);
    expect((await run([path.join(dir, "missing.csv"), "--institution", inst.code])).err).toContain("No file");
    expect((await run([write("n.csv", "primary_id\n"), "--institution", "NOPE"])).err).toBe("No institution NOPE.");
    expect((await run([write("n2.csv", "primary_id\n")])).err).toContain("--institution is required.");
  });
});

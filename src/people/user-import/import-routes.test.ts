import { describe, expect, it } from "vitest";
import { client, upload } from "../../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";

const t = useTestApp();

const csv = (text: string) => ({ name: "patrons.csv", bytes: Buffer.from(text), contentType: "text/csv" });
const primaryIds = async (inst: InstitutionFixture) =>
  (
    await t.ctx.db
      .selectFrom("users")
      .select("primary_id")
      .where("institution_id", "=", inst.id)
      .orderBy("primary_id")
      .execute()
  ).map((u) => u.primary_id);

describe("POST /api/v1/users/imports", () => {
  it("loads a CSV and answers the report, bad rows named by file, row and field", async () => {
    const inst = await makeInstitution(t.ctx);
    const boss = await admin(t.ctx, inst);
    const res = await upload(
      t.app,
      boss.apiKey,
      "/api/v1/users/imports",
      csv("primary_id,last_name,user_group\np1,One,UNDERGRAD\np2,Two,NOPE\n"),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      records: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      expired: 0,
      skipped: 1,
      dry_run: false,
      problems: [
        {
          file: "patrons.csv",
          row: 3,
          field: "user_group",
          reason: "There is no user group with code NOPE in this institution.",
        },
      ],
    });
    expect(await primaryIds(inst)).toContain("p1");
    const user = await client(t.app, boss.apiKey).get("/api/v1/users?q=p1");
    expect(user.body.users[0]).toMatchObject({ primary_id: "p1", user_group: "UNDERGRAD" });
  });

  it("a dry run answers the same report and writes nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const boss = await admin(t.ctx, inst);
    const before = await primaryIds(inst);
    const res = await upload(
      t.app,
      boss.apiKey,
      "/api/v1/users/imports?dry_run=true",
      csv("primary_id,last_name\nd1,D\n"),
    );
    expect(res.body).toMatchObject({ created: 1, dry_run: true });
    expect(await primaryIds(inst)).toEqual(before);
  });

  it("refuses staff without the people role, a bad flag and a missing file, writing nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const operator = await makeUser(t.ctx, inst, { roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const boss = await admin(t.ctx, inst);
    const before = await primaryIds(inst);

    const refused = await upload(t.app, operator.apiKey, "/api/v1/users/imports", csv("primary_id,last_name\nx1,X\n"));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("FORBIDDEN");

    const badFlag = await upload(t.app, boss.apiKey, "/api/v1/users/imports?dry_run=maybe", csv("primary_id\n"));
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.fields).toEqual([{ field: "dry_run", message: expect.any(String) }]);

    const none = await client(t.app, boss.apiKey).post("/api/v1/users/imports", {});
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "file", message: "is required" }] });
    expect(await primaryIds(inst)).toEqual(before);
  });
});

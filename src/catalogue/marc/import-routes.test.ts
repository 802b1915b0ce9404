import { describe, expect, it } from "vitest";
import { client, upload } from "../../../test/api.js";
import { admin, makeInstitution, makeUser } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { fileStorageFromConfig } from "../../files/file-storage.js";
import { runQueuedMarcImports } from "./import-jobs.js";

const t = useTestApp();

const record = (id: string, barcode: string) => `<record><leader>00000nam a2200000 a 4500</leader>
  <controlfield tag="001">${id}</controlfield>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">Title ${id}</subfield></datafield>
  <datafield tag="949" ind1=" " ind2=" "><subfield code="i">${barcode}</subfield><subfield code="l">STACKS</subfield><subfield code="m">MAIN</subfield></datafield>
</record>`;
const file = {
  name: "two.xml",
  bytes: Buffer.from(`<collection>${record("R1", "B1")}${record("R2", "B2")}</collection>`),
};

const runJobs = (institutionId: number) =>
  runQueuedMarcImports(t.ctx, fileStorageFromConfig(t.ctx.config), { institutionId });

describe("MARC import API", () => {
  it("queues an upload, the worker runs it, and progress and report are readable", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const queued = await upload(t.app, key, "/api/v1/catalogue/imports?profile=evergreen", file);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      status: "QUEUED",
      profile: "evergreen",
      dry_run: false,
      files: ["two.xml"],
      records_total: 2,
      records_done: 0,
      report: null,
    });

    expect(await runJobs(inst.id)).toEqual({ ran: 1 });
    const done = await client(t.app, key).get(`/api/v1/catalogue/imports/${queued.body.id}`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "DONE", records_done: 2, records_total: 2, error: null });
    expect(done.body.report).toMatchObject({ bibs_created: 2, items_created: 2, problems: [] });
    expect(done.body.finished_at).toEqual(expect.any(String));

    const items = await t.ctx.db
      .selectFrom("items")
      .select("barcode")
      .where("institution_id", "=", inst.id)
      .orderBy("barcode")
      .execute();
    expect(items.map((i) => i.barcode)).toEqual(["B1", "B2"]);
    const list = await client(t.app, key).get("/api/v1/catalogue/imports");
    expect(list.body.imports.map((i: { id: number }) => i.id)).toEqual([queued.body.id]);
    // nothing left to run
    expect(await runJobs(inst.id)).toEqual({ ran: 0 });
  });

  it("runs a dry run that reports and writes nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const queued = await upload(t.app, key, "/api/v1/catalogue/imports?dry_run=true", file);
    await runJobs(inst.id);
    const done = await client(t.app, key).get(`/api/v1/catalogue/imports/${queued.body.id}`);
    expect(done.body).toMatchObject({ status: "DONE", dry_run: true, report: { dry_run: true, bibs_created: 2 } });
    const bibs = await t.ctx.db.selectFrom("bibs").select("id").where("institution_id", "=", inst.id).execute();
    expect(bibs).toEqual([]);
  });

  it("refuses a file that is not MARC, an unknown profile and a missing file, and queues nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const notMarc = await upload(t.app, key, "/api/v1/catalogue/imports", {
      name: "a.txt",
      bytes: Buffer.from("hello"),
    });
    expect(notMarc.status).toBe(400);
    expect(notMarc.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "file" }] });
    const badProfile = await upload(t.app, key, "/api/v1/catalogue/imports?profile=koha", file);
    expect(badProfile.status).toBe(400);
    expect(badProfile.body.code).toBe("VALIDATION_FAILED");
    const noFile = await client(t.app, key).post("/api/v1/catalogue/imports", {});
    expect(noFile.status).toBe(400);
    expect((await client(t.app, key).get("/api/v1/catalogue/imports")).body.imports).toEqual([]);
  });

  it("is for staff who manage the catalogue, and another institution's import is not found", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = (await makeUser(t.ctx, inst)).apiKey;
    const refused = await upload(t.app, patron, "/api/v1/catalogue/imports", file);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("FORBIDDEN");
    expect((await client(t.app, patron).get("/api/v1/catalogue/imports")).status).toBe(403);
    expect((await client(t.app).get("/api/v1/catalogue/imports")).status).toBe(401);

    const key = (await admin(t.ctx, inst)).apiKey;
    const queued = await upload(t.app, key, "/api/v1/catalogue/imports", file);
    const other = await makeInstitution(t.ctx);
    const otherKey = (await admin(t.ctx, other)).apiKey;
    const hidden = await client(t.app, otherKey).get(`/api/v1/catalogue/imports/${queued.body.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe("NOT_FOUND");
    // the other institution's worker run does not take this import
    expect(await runJobs(other.id)).toEqual({ ran: 0 });
    expect(await runJobs(inst.id)).toEqual({ ran: 1 });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { client, upload } from "../../../test/api.js";
import { admin, makeInstitution } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { fileStorageFromConfig } from "../../files/file-storage.js";
import { MAX_IMPORT_ATTEMPTS, runQueuedMarcImports } from "./import-jobs.js";
import { claimQueuedImport } from "./marc-imports-repository.js";

const t = useTestApp();
const start = "2026-03-02T09:00:00.000Z";
afterEach(() => t.clock.set(start));

const file = {
  name: "one.xml",
  bytes: Buffer.from(`<collection><record><leader>00000nam a2200000 a 4500</leader>
  <controlfield tag="001">REC1</controlfield>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">Recovered title</subfield></datafield>
</record></collection>`),
};
const storage = () => fileStorageFromConfig(t.ctx.config);
const minutes = (n: number) => new Date(Date.parse(start) + n * 60_000);

/** A worker that dies mid-import (the process is killed): the import must not stay RUNNING for ever. */
describe("an import whose worker died", () => {
  async function abandoned() {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const queued = await upload(t.app, key, "/api/v1/catalogue/imports?profile=evergreen", file);
    expect(queued.status).toBe(202);
    // A worker claims it, then dies without a word.
    const claimed = await claimQueuedImport(t.ctx.db, t.clock.now().toISOString(), inst.id);
    expect(claimed?.id).toBe(queued.body.id);
    const read = async () => (await client(t.app, key).get(`/api/v1/catalogue/imports/${queued.body.id}`)).body;
    return { inst, id: queued.body.id as number, read };
  }

  it("stays with its worker while the worker may still be alive", async () => {
    const { inst, read } = await abandoned();
    t.clock.set(minutes(5));
    expect(await runQueuedMarcImports(t.ctx, storage(), { institutionId: inst.id })).toEqual({ ran: 0 });
    expect((await read()).status).toBe("RUNNING");
  });

  it("is queued again after ten minutes without a beat, and the next run completes it", async () => {
    const { inst, read } = await abandoned();
    t.clock.set(minutes(11));
    expect(await runQueuedMarcImports(t.ctx, storage(), { institutionId: inst.id })).toEqual({ ran: 1 });
    expect(await read()).toMatchObject({ status: "DONE", records_done: 1, error: null });
    const titles = await t.ctx.db.selectFrom("bibs").select("title").where("institution_id", "=", inst.id).execute();
    expect(titles.map((b) => b.title)).toEqual(["Recovered title"]);
  });

  it(`is marked FAILED, with a reason, once it has been started ${MAX_IMPORT_ATTEMPTS} times`, async () => {
    const { inst, id, read } = await abandoned();
    await t.ctx.db.updateTable("marc_imports").set({ attempts: MAX_IMPORT_ATTEMPTS }).where("id", "=", id).execute();
    const row = await t.ctx.db
      .selectFrom("marc_imports")
      .select("files")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const [stored] = JSON.parse(row.files) as { storage_key: string }[];
    t.clock.set(minutes(11));
    expect(await runQueuedMarcImports(t.ctx, storage(), { institutionId: inst.id })).toEqual({ ran: 0 });
    const failed = await read();
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain(`stopped while running this import ${MAX_IMPORT_ATTEMPTS} times`);
    // Its uploaded file is not kept for a run that will never come.
    await expect(storage().open(stored!.storage_key)).rejects.toThrow();
  });
});

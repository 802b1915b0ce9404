import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("holdings and items API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let patronKey: string;
  let mmsId: string;
  let holdingId: number;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    patronKey = (await makeUser(t.ctx, inst)).apiKey;
    const api = client(t.app, adminKey);
    mmsId = (await api.post("/api/v1/bibs", { title: "Journal of Tests", material_type: "JOURNAL" })).body.mms_id;
    const h = await api.post(`/api/v1/bibs/${mmsId}/holdings`, {
      library: "MAIN",
      location: "STACKS",
      call_number: "QA1 .J68",
      summary_holdings: "v.1-45 (1980-2024)",
    });
    expect(h.status).toBe(201);
    holdingId = h.body.id;
  });

  const newItem = (barcode: string, extra: Record<string, unknown> = {}) =>
    client(t.app, adminKey).post(`/api/v1/bibs/${mmsId}/holdings/${holdingId}/items`, { barcode, ...extra });

  it("creates a holding by library code and location code, and lists it", async () => {
    const res = await client(t.app, adminKey).get(`/api/v1/bibs/${mmsId}/holdings`);
    expect(res.status).toBe(200);
    expect(res.body.holdings).toEqual([
      expect.objectContaining({
        id: holdingId,
        mms_id: mmsId,
        library: { id: inst.libraries.main, code: "MAIN", name: "MAIN Library" },
        location: { id: inst.locations.mainStacks, code: "STACKS", name: "STACKS" },
        summary_holdings: "v.1-45 (1980-2024)",
      }),
    ]);
  });

  it("accepts library and location ids too", async () => {
    const res = await client(t.app, adminKey).post(`/api/v1/bibs/${mmsId}/holdings`, {
      library: inst.libraries.law,
      location: inst.locations.lawStacks,
    });
    expect(res.status).toBe(201);
    expect(res.body.library.code).toBe("LAW");
  });

  it("refuses a location of another library with VALIDATION_FAILED on location, by code or by id", async () => {
    const api = client(t.app, adminKey);
    await api.post(`/api/v1/libraries/${inst.libraries.law}/locations`, { code: "RARE", name: "Rare books" });
    const byCode = await api.post(`/api/v1/bibs/${mmsId}/holdings`, { library: "MAIN", location: "RARE" });
    expect(byCode.status).toBe(400);
    expect(byCode.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "location" }] });
    expect(byCode.body.message).toMatch(/belongs to LAW/);
    const byId = await api.post(`/api/v1/bibs/${mmsId}/holdings`, {
      library: inst.libraries.main,
      location: inst.locations.lawStacks,
    });
    expect(byId.status).toBe(400);
    expect(byId.body.fields[0].field).toBe("location");
    const unknownLibrary = await api.post(`/api/v1/bibs/${mmsId}/holdings`, { library: "NOPE", location: "STACKS" });
    expect(unknownLibrary.body.fields[0].field).toBe("library");
    expect((await api.get(`/api/v1/bibs/${mmsId}/holdings`)).body.holdings).toHaveLength(2);
  });

  it("creates items that copy the holding's library and location and default to IN_PLACE", async () => {
    const res = await newItem("J-0001", { description: "v.12 no.3 (2019)", page_count: 96, item_policy: "JOURNAL" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      mms_id: mmsId,
      holding_id: holdingId,
      library: { id: inst.libraries.main, code: "MAIN" },
      location: { id: inst.locations.mainStacks, code: "STACKS" },
      barcode: "J-0001",
      description: "v.12 no.3 (2019)",
      material_type: "JOURNAL",
      page_count: 96,
      process_status: "IN_PLACE",
    });
    const row = await t.ctx.db
      .selectFrom("items")
      .select(["bib_id", "library_id", "location_id"])
      .where("id", "=", res.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      bib_id: Number(mmsId),
      library_id: inst.libraries.main,
      location_id: inst.locations.mainStacks,
    });

    const api = client(t.app, adminKey);
    expect((await api.get(`/api/v1/items/${res.body.id}`)).body.barcode).toBe("J-0001");
    expect((await api.get("/api/v1/items?barcode=J-0001")).body.id).toBe(res.body.id);
    const bib = await api.get(`/api/v1/bibs/${mmsId}`);
    const holding = bib.body.holdings.find((h: { id: number }) => h.id === holdingId);
    expect(holding.items.map((i: { barcode: string }) => i.barcode)).toContain("J-0001");
  });

  it("refuses a duplicate barcode with 409 DUPLICATE, on create and on change", async () => {
    await newItem("J-DUP");
    const again = await newItem("J-DUP");
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "barcode" }] });
    const other = await newItem("J-OTHER");
    const change = await client(t.app, adminKey).patch(`/api/v1/items/${other.body.id}`, { barcode: "J-DUP" });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe("DUPLICATE");
  });

  it("allows the same barcode in another institution", async () => {
    const other = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, other)).apiKey);
    const bib = await api.post("/api/v1/bibs", { title: "Elsewhere" });
    const h = await api.post(`/api/v1/bibs/${bib.body.mms_id}/holdings`, { library: "MAIN", location: "STACKS" });
    const res = await api.post(`/api/v1/bibs/${bib.body.mms_id}/holdings/${h.body.id}/items`, { barcode: "J-0001" });
    expect(res.status).toBe(201);
  });

  it("changes an item's fields and its process status among the manual ones", async () => {
    const item = await newItem("J-EDIT");
    const res = await client(t.app, adminKey).patch(`/api/v1/items/${item.body.id}`, {
      description: "v.13 (2020)",
      page_count: 120,
      process_status: "MISSING",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ description: "v.13 (2020)", page_count: 120, process_status: "MISSING" });
  });

  it("refuses to set a workflow process status by hand", async () => {
    const item = await newItem("J-FLOW");
    const api = client(t.app, adminKey);
    for (const status of ["IN_TRANSIT", "IN_DIGITIZATION"]) {
      const res = await api.patch(`/api/v1/items/${item.body.id}`, { process_status: status, description: "x" });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "process_status" }] });
    }
    const created = await newItem("J-FLOW-2", { process_status: "IN_DIGITIZATION" });
    expect(created.status).toBe(400);
    const unchanged = await api.get(`/api/v1/items/${item.body.id}`);
    expect(unchanged.body).toMatchObject({ process_status: "IN_PLACE", description: null });
  });

  it("refuses to move an item out of a workflow status by hand (ITEM_IN_REQUEST_WORKFLOW)", async () => {
    const item = await newItem("J-BUSY");
    await t.ctx.db
      .updateTable("items")
      .set({ process_status: "IN_DIGITIZATION" })
      .where("id", "=", item.body.id)
      .execute();
    const api = client(t.app, adminKey);
    const res = await api.patch(`/api/v1/items/${item.body.id}`, { process_status: "IN_PLACE" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ITEM_IN_REQUEST_WORKFLOW");
    const other = await api.patch(`/api/v1/items/${item.body.id}`, {
      description: "v.1",
      process_status: "IN_DIGITIZATION",
    });
    expect(other.status).toBe(200);
    expect(other.body.description).toBe("v.1");
  });

  it("refuses fields an item change does not allow", async () => {
    const item = await newItem("J-STRICT");
    const res = await client(t.app, adminKey).patch(`/api/v1/items/${item.body.id}`, {
      library_id: inst.libraries.law,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
  });

  it("lets a patron read items but not write holdings or items", async () => {
    const item = await newItem("J-READ");
    const api = client(t.app, patronKey);
    expect((await api.get(`/api/v1/items/${item.body.id}`)).status).toBe(200);
    expect((await api.get(`/api/v1/bibs/${mmsId}/holdings`)).status).toBe(200);
    const h = await api.post(`/api/v1/bibs/${mmsId}/holdings`, { library: "MAIN", location: "STACKS" });
    expect(h.status).toBe(403);
    const i = await api.post(`/api/v1/bibs/${mmsId}/holdings/${holdingId}/items`, { barcode: "P-1" });
    expect(i.status).toBe(403);
    const p = await api.patch(`/api/v1/items/${item.body.id}`, { process_status: "MISSING" });
    expect(p.status).toBe(403);
    expect(p.body.code).toBe("FORBIDDEN");
  });

  it("answers 404 across institutions and for a holding of another record", async () => {
    const api = client(t.app, adminKey);
    const other = await makeInstitution(t.ctx);
    const theirApi = client(t.app, (await admin(t.ctx, other)).apiKey);
    const bib = await theirApi.post("/api/v1/bibs", { title: "Theirs" });
    const h = await theirApi.post(`/api/v1/bibs/${bib.body.mms_id}/holdings`, { library: "MAIN", location: "STACKS" });
    const item = await theirApi.post(`/api/v1/bibs/${bib.body.mms_id}/holdings/${h.body.id}/items`, {
      barcode: "THEIRS-1",
    });
    expect((await api.get(`/api/v1/items/${item.body.id}`)).status).toBe(404);
    expect((await api.get("/api/v1/items?barcode=THEIRS-1")).status).toBe(404);
    expect((await api.patch(`/api/v1/items/${item.body.id}`, { description: "x" })).status).toBe(404);
    const holdingOnTheirBib = await api.post(`/api/v1/bibs/${bib.body.mms_id}/holdings`, {
      library: "MAIN",
      location: "STACKS",
    });
    expect(holdingOnTheirBib.status).toBe(404);
    const itemOnTheirHolding = await api.post(`/api/v1/bibs/${mmsId}/holdings/${h.body.id}/items`, { barcode: "X" });
    expect(itemOnTheirHolding.status).toBe(404);
    // a patron asking about another institution's item learns nothing more than an admin does
    expect((await client(t.app, patronKey).patch(`/api/v1/items/${item.body.id}`, { description: "x" })).status).toBe(
      404,
    );
  });
});

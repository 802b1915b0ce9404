import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { pagesOverlap } from "./duplicates.js";

const t = useTestApp();
const range = (from_page: string, to_page: string) => ({ from_page, to_page });

describe("page ranges overlapping", () => {
  it("compares arabic and roman pages, any number of ranges, and no pages as the whole", () => {
    expect(pagesOverlap([range("1", "10")], [range("10", "12")])).toBe(true);
    expect(pagesOverlap([range("1", "10")], [range("11", "12")])).toBe(false);
    expect(pagesOverlap([range("i", "x")], [range("1", "5")])).toBe(false);
    expect(pagesOverlap([range("iv", "vi")], [range("ii", "v")])).toBe(true);
    expect(pagesOverlap([range("1", "2"), range("30", "40")], [range("35", "36")])).toBe(true);
    expect(pagesOverlap(null, [range("3", "4")])).toBe(true);
  });
});

describe("the duplicate warning", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  let other: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    other = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  it("names the patron's open request for the same item whose pages overlap, and records the warning at placement", async () => {
    const title = await makeTitle(t.ctx, inst);
    const first = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      required_pages_range: [range("10", "20")],
    });
    expect(first.status).toBe(201);

    const apart = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", {
      mms_id: String(title.mmsId),
      required_pages_range: [range("21", "30")],
    });
    expect(apart.status).toBe(200);
    expect(apart.body).toEqual({ window_days: 30, duplicates: [] });

    const body = { mms_id: String(title.mmsId), required_pages_range: [range("1", "2"), range("19", "25")] };
    const check = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", body);
    expect(check.body.duplicates).toEqual([
      {
        request_id: first.body.request_id,
        request_status: first.body.request_status,
        request_date: first.body.request_date,
        item_description: null,
        required_pages_range: [range("10", "20")],
      },
    ]);
    // Another patron's request is not theirs to be warned of.
    const theirs = await client(t.app, other.apiKey).post("/api/v1/requests/duplicate-check", body);
    expect(theirs.body.duplicates).toEqual([]);

    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      ...body,
      duplicate_acknowledged: true,
    });
    expect(placed.status).toBe(201);
    const history = await client(t.app, patron.apiKey).get(`/api/v1/requests/${placed.body.request_id}/history`);
    expect(history.body.events[0].data.duplicate_warning).toEqual({
      acknowledged: true,
      request_ids: [first.body.request_id],
    });
  });

  it("counts a request without pages as overlapping, and a cancelled one of long ago not at all", async () => {
    const title = await makeTitle(t.ctx, inst);
    const whole = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      partial_digitization: false,
    });
    expect(whole.status).toBe(201);
    const check = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", {
      mms_id: String(title.mmsId),
      required_pages_range: [range("iii", "v")],
    });
    expect(check.body.duplicates.map((d: any) => d.request_id)).toEqual([whole.body.request_id]);

    const cancel = await client(t.app, patron.apiKey).post(`/api/v1/requests/${whole.body.request_id}/cancel`, {
      reason: "changed my mind",
    });
    expect(cancel.status).toBe(200);
    const after = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", {
      mms_id: String(title.mmsId),
      required_pages_range: [range("iii", "v")],
    });
    expect(after.body.duplicates).toEqual([]);
  });

  it("does not warn of another volume of the same title", async () => {
    const title = await makeTitle(t.ctx, inst, { items: 2, descriptions: ["v.1", "v.2"] });
    const first = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      description: "v.1",
      partial_digitization: false,
    });
    expect(first.status).toBe(201);
    const v2 = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", {
      mms_id: String(title.mmsId),
      description: "v.2",
      partial_digitization: false,
    });
    expect(v2.body.duplicates).toEqual([]);
    const v1 = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", {
      mms_id: String(title.mmsId),
      item_id: String(title.itemIds[0]),
      partial_digitization: false,
    });
    expect(v1.body.duplicates).toHaveLength(1);
  });

  it("records an unacknowledged warning too, and nothing when there is no duplicate", async () => {
    const title = await makeTitle(t.ctx, inst);
    const body = { mms_id: String(title.mmsId), required_pages_range: [range("1", "3")] };
    const first = await client(t.app, patron.apiKey).post("/api/v1/requests", body);
    const h1 = await client(t.app, patron.apiKey).get(`/api/v1/requests/${first.body.request_id}/history`);
    expect(h1.body.events[0].data).not.toHaveProperty("duplicate_warning");
    const second = await client(t.app, patron.apiKey).post("/api/v1/requests", body);
    const h2 = await client(t.app, patron.apiKey).get(`/api/v1/requests/${second.body.request_id}/history`);
    expect(h2.body.events[0].data.duplicate_warning).toEqual({
      acknowledged: false,
      request_ids: [first.body.request_id],
    });
  });

  it("refuses to check another patron's requests for a patron, and a title of another institution", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", {
      user_id: other.primaryId,
      mms_id: String(title.mmsId),
    });
    expect(res.status).toBe(404);
    const elsewhere = await makeInstitution(t.ctx);
    const foreign = await makeTitle(t.ctx, elsewhere);
    const res2 = await client(t.app, patron.apiKey).post("/api/v1/requests/duplicate-check", {
      mms_id: String(foreign.mmsId),
    });
    expect(res2.status).toBe(404);
  });
});

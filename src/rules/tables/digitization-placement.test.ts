import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/api.js";
import {
  admin,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";

const t = useTestApp();

/** Placement takes its workflow from the whole digitization table (DOMAIN 5.5). */
describe("digitization and copyright rules at placement", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  let faculty: UserFixture;
  let publicDomainId: number;
  let tenPercentId: number;

  const place = (user: UserFixture, mmsId: number, body: Record<string, unknown>) =>
    client(t.app, user.apiKey).post("/api/v1/requests", { mms_id: String(mmsId), ...body });
  const pages = (from: number, to: number) => ({
    required_pages_range: [{ from_page: String(from), to_page: String(to) }],
  });
  const titleFrom = async (year: number, pageCount: number | null) => {
    const title = await makeTitle(t.ctx, inst, { pageCount });
    await t.ctx.db.updateTable("bibs").set({ publication_year: year }).where("id", "=", title.mmsId).execute();
    return title;
  };

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
    faculty = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const api = client(t.app, adminUser.apiKey);
    const rules = (await api.get("/api/v1/rule-tables/digitization")).body.rules;
    publicDomainId = rules.find((r: any) => r.name === "Public domain by publication year").id;
    tenPercentId = rules.find((r: any) => r.name === "More than 10% of the work").id;
    expect(
      (await api.patch(`/api/v1/rule-tables/digitization/rules/${publicDomainId}`, { enabled: true })).status,
    ).toBe(200);
    expect((await api.patch(`/api/v1/rule-tables/digitization/rules/${tenPercentId}`, { enabled: true })).status).toBe(
      200,
    );
  });

  it("approves automatically, as public domain, what was published before 1931, naming the rule", async () => {
    const title = await titleFrom(1925, 300);
    const res = await place(faculty, title.mmsId, pages(1, 100));
    expect(res.status).toBe(201);
    expect(res.body.workflow).toMatchObject({ approval_mode: "automatic", rule_id: String(publicDomainId) });
    expect(res.body.tasks).toMatchObject([
      { kind: "copyright", status: "approved", reason: "PUBLIC_DOMAIN", reason_label: "Public domain" },
    ]);
    expect(res.body.request_status).toBe("PICK_FROM_SHELF");
  });

  it("requires blocking copyright clearance for more than 10% of a work", async () => {
    const title = await titleFrom(1990, 300);
    const res = await place(faculty, title.mmsId, pages(1, 31));
    expect(res.body.workflow).toMatchObject({ copyright_clearance_required: true, approval_mode: "blocks" });
    expect(res.body.workflow.rule_id).toBe(String(tenPercentId));
    expect(res.body.request_status).toBe("AWAITING_APPROVAL");
    expect(res.body.tasks).toMatchObject([{ kind: "copyright", status: "pending" }]);
  });

  it("exactly 10% or an unknown total page count does not match: the default rule applies", async () => {
    const tenth = await place(faculty, (await titleFrom(1990, 300)).mmsId, pages(1, 30));
    expect(tenth.body.workflow).toMatchObject({ rule_id: null, copyright_clearance_required: false });
    const unknown = await place(faculty, (await titleFrom(1990, null)).mmsId, pages(1, 250));
    expect(unknown.body.workflow.rule_id).toBeNull();
    expect(unknown.body.request_status).toBe("PICK_FROM_SHELF");
  });

  it("uses the item's own page count before the record's", async () => {
    const title = await titleFrom(1990, null);
    await t.ctx.db.updateTable("items").set({ page_count: 100 }).where("id", "=", title.itemIds[0]!).execute();
    const res = await place(faculty, title.mmsId, pages(1, 11));
    expect(res.body.workflow.rule_id).toBe(String(tenPercentId));
  });

  it("the first matching rule wins, and a change takes effect on the next request", async () => {
    const api = client(t.app, adminUser.apiKey);
    const title = await titleFrom(1900, 300);
    // both rules match 1900 and 50%; public domain comes first
    const first = await place(faculty, title.mmsId, pages(1, 150));
    expect(first.body.workflow.rule_id).toBe(String(publicDomainId));
    const ids: number[] = (await api.get("/api/v1/rule-tables/digitization")).body.rules.map((r: any) => r.id);
    const reordered = [tenPercentId, ...ids.filter((i) => i !== tenPercentId)];
    expect((await api.put("/api/v1/rule-tables/digitization/order", { rule_ids: reordered })).status).toBe(200);
    const second = await place(faculty, title.mmsId, pages(151, 300));
    expect(second.body.workflow.rule_id).toBe(String(tenPercentId));
    await api.patch(`/api/v1/rule-tables/digitization/rules/${tenPercentId}`, { enabled: false });
    const third = await place(faculty, title.mmsId, pages(1, 150));
    expect(third.body.workflow.rule_id).toBe(String(publicDomainId));
    await api.put("/api/v1/rule-tables/digitization/order", { rule_ids: ids });
    await api.patch(`/api/v1/rule-tables/digitization/rules/${tenPercentId}`, { enabled: true });
  });

  it("a whole-item request of a recent work needs clearance by the whole-item rule", async () => {
    const api = client(t.app, adminUser.apiKey);
    const rules = (await api.get("/api/v1/rule-tables/digitization")).body.rules;
    const whole = rules.find((r: any) => r.name === "Whole item requested");
    await api.patch(`/api/v1/rule-tables/digitization/rules/${tenPercentId}`, { enabled: false });
    await api.patch(`/api/v1/rule-tables/digitization/rules/${whole.id}`, { enabled: true });
    const res = await place(faculty, (await titleFrom(1990, null)).mmsId, { partial_digitization: false });
    expect(res.status).toBe(201);
    expect(res.body.workflow.rule_id).toBe(String(whole.id));
    await api.patch(`/api/v1/rule-tables/digitization/rules/${whole.id}`, { enabled: false });
    await api.patch(`/api/v1/rule-tables/digitization/rules/${tenPercentId}`, { enabled: true });
  });

  it("counts the same patron's earlier requests for the same item", async () => {
    const api = client(t.app, adminUser.apiKey);
    const own = await makeInstitution(t.ctx);
    const ownAdmin = await admin(t.ctx, own);
    const patron = await makeUser(t.ctx, own, { group: "GRAD" });
    const rules = (await client(t.app, ownAdmin.apiKey).get("/api/v1/rule-tables/digitization")).body.rules;
    const repeat = rules.find((r: any) => r.name === "Same patron and item within 30 days");
    await client(t.app, ownAdmin.apiKey).patch(`/api/v1/rule-tables/digitization/rules/${repeat.id}`, {
      enabled: true,
    });
    const title = await makeTitle(t.ctx, own);
    const first = await place(patron, title.mmsId, pages(1, 5));
    expect(first.body.workflow.rule_id).toBeNull();
    const again = await place(patron, title.mmsId, pages(6, 10));
    expect(again.body.workflow.rule_id).toBe(String(repeat.id));
    const start = t.clock.now();
    t.clock.advanceDays(30);
    const later = await place(patron, title.mmsId, pages(11, 15));
    t.clock.set(start);
    expect(later.body.workflow.rule_id).toBeNull();
    // the rule of one institution never decides for another
    expect((await api.get(`/api/v1/rule-tables/digitization/rules/${repeat.id}`)).status).toBe(404);
  });
});

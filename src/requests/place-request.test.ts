import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  countRows,
  makeInstitution,
  makeTitle,
  makeUser,
  setDefaultWorkflow,
  type InstitutionFixture,
  type UserFixture,
  setGroupLimit,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

const countRequests = (instId: number) => countRows(t.ctx, "requests", instId);

describe("placing a digitization request", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  it("places an item-level request for oneself: routed, recorded, letters queued", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: String(title.mmsId), ...pages });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      request_type: "DIGITIZATION",
      request_sub_type: "PATRON_DIGITIZATION",
      request_status: "PICK_FROM_SHELF",
      user_id: patron.primaryId,
      item_id: String(title.itemIds[0]),
      library: "MAIN",
      target_destination: { kind: "department", code: "DIGI_DEPT_INST" },
      request_source: "patron",
      pages_requested: 6,
      required_pages_range: [{ from_page: "1", to_page: "6" }],
      workflow: { target: "link", rule_id: null },
      allowed_actions: ["cancel"],
    });
    expect(res.body.due_date).toBe("2026-03-16T09:00:00.000Z");
    const history = await client(t.app, patron.apiKey).get(`/api/v1/requests/${res.body.request_id}/history`);
    expect(history.body.events.map((e: any) => [e.action, e.from_state, e.to_state])).toEqual([
      ["placed", null, "NEW"],
      ["route_to_shelf", "NEW", "PICK_FROM_SHELF"],
    ]);
    const outbox = await t.ctx.db
      .selectFrom("outbox")
      .select(["kind", "topic"])
      .where("request_id", "=", Number(res.body.request_id))
      .orderBy("id")
      .execute();
    expect(outbox).toEqual([
      { kind: "letter", topic: "request_received" },
      { kind: "print", topic: "resource_request_slip" },
    ]);
  });

  it("places a title-level (general digitization) request when the title has no items", async () => {
    const title = await makeTitle(t.ctx, inst, { items: 0 });
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      chapter_or_article_title: "Introduction",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      request_sub_type: "GENERAL_DIGITIZATION",
      request_status: "IN_DIGITIZATION",
      item_id: null,
    });
  });

  it("needs a library for a title without holdings", async () => {
    const title = await makeTitle(t.ctx, inst, { holdings: false });
    const api = client(t.app, patron.apiKey);
    const missing = await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "library" }] });
    const ok = await api.post("/api/v1/requests", { mms_id: title.mmsId, library: "LAW", ...pages });
    expect(ok.status).toBe(201);
    expect(ok.body.library).toBe("LAW");
  });

  it("asks which volume when items are described, and finds it by description", async () => {
    const title = await makeTitle(t.ctx, inst, { descriptions: ["v.1 no.1 (2019)", "v.1 no.2 (2019)"] });
    const api = client(t.app, patron.apiKey);
    const unclear = await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(unclear.status).toBe(422);
    expect(unclear.body.code).toBe("ITEM_REQUIRED");
    expect(unclear.body.details.descriptions).toEqual(["v.1 no.1 (2019)", "v.1 no.2 (2019)"]);
    const wrong = await api.post("/api/v1/requests", { mms_id: title.mmsId, description: "v.9", ...pages });
    expect(wrong.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "description" }] });
    const right = await api.post("/api/v1/requests", { mms_id: title.mmsId, description: "V.1 NO.2 (2019)", ...pages });
    expect(right.status).toBe(201);
    expect(right.body.item_id).toBe(String(title.itemIds[1]));
  });

  it("refuses a bad form with the offending fields and writes nothing", async () => {
    const title = await makeTitle(t.ctx, inst);
    const before = await countRequests(inst.id);
    const api = client(t.app, patron.apiKey);
    const backwards = await api.post("/api/v1/requests", {
      mms_id: title.mmsId,
      required_pages_range: [
        { from_page: "1", to_page: "6" },
        { from_page: "30", to_page: "xii" },
      ],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toEqual([{ field: "required_pages_range.1.from_page", message: expect.any(String) }]);
    const noPart = await api.post("/api/v1/requests", { mms_id: title.mmsId, partial_digitization: true });
    expect(noPart.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "required_pages_range" }] });
    const badId = await api.post("/api/v1/requests", { mms_id: "abc", ...pages });
    expect(badId.body.fields[0].field).toBe("mms_id");
    expect(await countRequests(inst.id)).toBe(before);
  });

  it("accepts roman numerals and many ranges", async () => {
    const title = await makeTitle(t.ctx, inst);
    const ranges = [
      { from_page: "iii", to_page: "xii" },
      ...Array.from({ length: 40 }, (_, i) => ({ from_page: `${i * 5 + 1}`, to_page: `${i * 5 + 2}` })),
    ];
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      required_pages_range: ranges,
    });
    expect(res.status).toBe(201);
    expect(res.body.required_pages_range).toHaveLength(41);
    expect(res.body.pages_requested).toBe(10 + 80);
  });

  it("answers 404 for a title of another institution", async () => {
    const other = await makeInstitution(t.ctx);
    const title = await makeTitle(t.ctx, other);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(res.status).toBe(404);
  });
});

describe("who may place, and for whom", () => {
  let inst: InstitutionFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
  });

  it("does not let a patron place for someone else, nor reveal whether they exist", async () => {
    const a = await makeUser(t.ctx, inst);
    const b = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, a.apiKey).post("/api/v1/requests", {
      user_id: b.primaryId,
      mms_id: title.mmsId,
      ...pages,
    });
    expect(res.status).toBe(404);
    const ghost = await client(t.app, a.apiKey).post("/api/v1/requests", {
      user_id: "nobody",
      mms_id: title.mmsId,
      ...pages,
    });
    expect(ghost.status).toBe(404);
    expect(ghost.body.message).toBe(res.body.message);
  });

  it("lets a Fulfillment Services Operator of the item's library place for a patron", async () => {
    const fso = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const patron = await makeUser(t.ctx, inst);
    const main = await makeTitle(t.ctx, inst, { library: "main" });
    const ok = await client(t.app, fso.apiKey).post("/api/v1/requests", {
      user_id: patron.primaryId,
      mms_id: main.mmsId,
      ...pages,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ user_id: patron.primaryId, request_source: "staff" });
    const law = await makeTitle(t.ctx, inst, { library: "law" });
    const refused = await client(t.app, fso.apiKey).post("/api/v1/requests", {
      user_id: patron.primaryId,
      mms_id: law.mmsId,
      ...pages,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("FORBIDDEN");
  });

  it("lets staff choose the place, refusing an unknown one; patrons may not choose", async () => {
    const fso = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const patron = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const unknown = await client(t.app, fso.apiKey).post("/api/v1/requests", {
      user_id: patron.primaryId,
      mms_id: title.mmsId,
      target_destination: "NOPE",
      ...pages,
    });
    expect(unknown.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "target_destination" }] });
    const self = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      target_destination: "DIGI_DEPT_INST",
      ...pages,
    });
    expect(self.status).toBe(403);
  });

  it("refuses inactive and blocked patrons", async () => {
    const title = await makeTitle(t.ctx, inst);
    const fso = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const inactive = await makeUser(t.ctx, inst, { status: "INACTIVE" });
    const res = await client(t.app, fso.apiKey).post("/api/v1/requests", {
      user_id: inactive.primaryId,
      mms_id: title.mmsId,
      ...pages,
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("PATRON_INACTIVE");
    const blocked = await makeUser(t.ctx, inst);
    await t.ctx.db
      .insertInto("user_blocks")
      .values({
        institution_id: inst.id,
        user_id: blocked.id,
        block_type: "FINES",
        note: null,
        expires_at: null,
        created_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const b = await client(t.app, blocked.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(b.status).toBe(422);
    expect(b.body.code).toBe("PATRON_BLOCKED");
  });

  it("says so when no place serves the library", async () => {
    const lonely = await makeInstitution(t.ctx);
    await t.ctx.db
      .updateTable("departments")
      .set({ serves_all_libraries: 0 })
      .where("institution_id", "=", lonely.id)
      .execute();
    const patron = await makeUser(t.ctx, lonely);
    const title = await makeTitle(t.ctx, lonely);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("NO_HANDLING_PLACE");
  });
});

describe("patron limits (DOMAIN 5.3)", () => {
  it("refuses a group whose limit is 0", async () => {
    const inst = await makeInstitution(t.ctx);
    await setGroupLimit(t.ctx, inst, "UNDERGRAD", 0);
    const patron = await makeUser(t.ctx, inst, { group: "UNDERGRAD" });
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("DIGITIZATION_NOT_ALLOWED");
  });

  it("counts only active requests, and frees a place when one is cancelled", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "UNDERGRAD" });
    const api = client(t.app, patron.apiKey);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const title = await makeTitle(t.ctx, inst);
      ids.push((await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages })).body.request_id);
    }
    const title = await makeTitle(t.ctx, inst);
    const fourth = await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(fourth.status).toBe(422);
    expect(fourth.body).toMatchObject({ code: "PATRON_LIMIT_REACHED", details: { active: 3, limit: 3 } });
    await api.post(`/api/v1/requests/${ids[0]}/cancel`, { reason: "changed my mind" });
    expect((await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages })).status).toBe(201);
  });

  it("never exceeds the limit under 50 concurrent placements", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "UNDERGRAD" });
    const titles = await Promise.all(Array.from({ length: 50 }, () => makeTitle(t.ctx, inst)));
    const api = client(t.app, patron.apiKey);
    const results = await Promise.all(
      titles.map((title) => api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(47);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === "PATRON_LIMIT_REACHED")).toBe(true);
    expect(await countRequests(inst.id)).toBe(3);
  });
});

describe("the workflow from the Default Digitization Rule", () => {
  it("holds a request for approval when approval_mode is blocks", async () => {
    const inst = await makeInstitution(t.ctx);
    await setDefaultWorkflow(t.ctx, inst, { approval_required: true, approval_mode: "blocks" });
    const patron = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(res.body.request_status).toBe("AWAITING_APPROVAL");
    expect(res.body.tasks).toMatchObject([{ kind: "approval", status: "pending" }]);
  });

  it("creates tasks already approved, with the reason, when approval_mode is automatic", async () => {
    const inst = await makeInstitution(t.ctx);
    await setDefaultWorkflow(t.ctx, inst, {
      copyright_clearance_required: true,
      approval_mode: "automatic",
      approval_reason: "PUBLIC_DOMAIN",
    });
    const patron = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(res.body.request_status).toBe("PICK_FROM_SHELF");
    expect(res.body.tasks).toMatchObject([
      { kind: "copyright", status: "approved", reason: "PUBLIC_DOMAIN", reason_label: "Public domain" },
    ]);
    expect(res.body.workflow).toMatchObject({
      approval_reason: "PUBLIC_DOMAIN",
      approval_reason_label: "Public domain",
    });
  });
});

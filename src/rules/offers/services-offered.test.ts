import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/api.js";
import {
  admin,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type TitleFixture,
  type UserFixture,
} from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "10" }] };

/**
 * The scenario of issue 3: UNDERGRAD limit 0, GRAD 5, FACULTY none; delivery to GRAD and
 * FACULTY; display logic hiding Digitization from GRAD when the item is on the shelf;
 * public domain before 1931 and blocking clearance above 10%; a library Not digitizable.
 */
describe("services offered and explain", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  let undergrad: UserFixture;
  let grad: UserFixture;
  let faculty: UserFixture;
  let staffPatron: UserFixture;
  let operator: UserFixture;
  let mainTitle: TitleFixture;
  let lawTitle: TitleFixture;
  let deliveryRuleId: number;
  let displayRuleId: number;

  const explain = (user: UserFixture, query: string) => client(t.app, user.apiKey).get(`/api/v1/explain?${query}`);
  const service = (body: any, type: string) => body.services.find((s: any) => s.type === type);

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
    undergrad = await makeUser(t.ctx, inst, { group: "UNDERGRAD" });
    grad = await makeUser(t.ctx, inst, { group: "GRAD" });
    faculty = await makeUser(t.ctx, inst, { group: "FACULTY" });
    staffPatron = await makeUser(t.ctx, inst, { group: "STAFF" });
    operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "institution" }],
    });
    const api = client(t.app, adminUser.apiKey);
    expect(
      (await api.patch(`/api/v1/user-groups/${inst.groups.UNDERGRAD}`, { max_digitization_requests: 0 })).status,
    ).toBe(200);
    await api.put("/api/v1/rule-tables/delivery/default", { default_output: { allowed: false } });
    deliveryRuleId = (
      await api.post("/api/v1/rule-tables/delivery/rules", {
        name: "Graduates and faculty",
        conditions: [{ parameter: "user_group", operator: "in_list", value: ["GRAD", "FACULTY"] }],
        output: { allowed: true },
      })
    ).body.id;
    displayRuleId = (
      await api.post("/api/v1/rule-tables/display_logic/rules", {
        name: "Grads use the shelf copy",
        conditions: [
          { parameter: "user_group", operator: "equals", value: "GRAD" },
          { parameter: "item_available", operator: "equals", value: true },
        ],
        output: { hide: ["digitization"] },
      })
    ).body.id;
    await api.post("/api/v1/terms-of-use", { code: "NO_DIGI", name: "Not digitizable", is_digitizable: false });
    expect(
      (
        await api.post("/api/v1/fulfillment-units", {
          code: "LAW_FU",
          name: "Law",
          location_ids: [inst.locations.lawStacks],
          default_terms_of_use: "NO_DIGI",
        })
      ).status,
    ).toBe(201);
    const rules = (await api.get("/api/v1/rule-tables/digitization")).body.rules;
    for (const name of ["Public domain by publication year", "More than 10% of the work"]) {
      const id = rules.find((r: any) => r.name === name).id;
      await api.patch(`/api/v1/rule-tables/digitization/rules/${id}`, { enabled: true });
    }
    mainTitle = await makeTitle(t.ctx, inst);
    lawTitle = await makeTitle(t.ctx, inst, { library: "law" });
  });

  it("offers Digitization to faculty, with every step of the decision in order", async () => {
    const res = await explain(faculty, `mms_id=${mainTitle.mmsId}`);
    expect(res.status).toBe(200);
    const dig = service(res.body, "DIGITIZATION");
    expect(dig).toMatchObject({ offered: true, item_id: String(mainTitle.itemIds[0]) });
    expect(dig.steps.map((s: any) => s.check)).toEqual([
      "terms_of_use",
      "patron_status",
      "patron_blocks",
      "patron_limit",
      "delivery",
      "handling_place",
      "display_logic",
    ]);
    const delivery = dig.steps.find((s: any) => s.check === "delivery");
    expect(delivery).toMatchObject({ table: "delivery", rule_id: deliveryRuleId, rule_name: "Graduates and faculty" });
    expect(delivery.sentence).toContain('rule "Graduates and faculty" lets user group FACULTY receive files');
    expect(delivery.trace).toEqual([
      expect.objectContaining({ rule_id: deliveryRuleId, result: "matched", sentence: expect.any(String) }),
    ]);
    expect(dig.steps.find((s: any) => s.check === "patron_limit")).toMatchObject({
      table: "patron_limits",
      rule_name: "Limit for FACULTY",
      sentence:
        'Patron limits: rule "Limit for FACULTY" gives user group FACULTY no limit on active digitization requests.',
    });
    expect(dig.steps.find((s: any) => s.check === "handling_place").sentence).toContain("DIGI_DEPT_INST");
    expect(service(res.body, "GENERAL_DIGITIZATION")).toMatchObject({ offered: false });
    const options = await client(t.app, faculty.apiKey).get(`/api/v1/bibs/${mainTitle.mmsId}/request-options`);
    expect(options.body).toEqual({
      request_option: [{ type: { value: "DIGITIZATION", desc: "Digitization" }, reason: "Digitization is offered." }],
    });
  });

  it("does not offer digitization to UNDERGRAD (limit 0), and placement refuses it", async () => {
    const dig = service((await explain(undergrad, `mms_id=${mainTitle.mmsId}`)).body, "DIGITIZATION");
    expect(dig.offered).toBe(false);
    expect(dig.reason).toBe(
      'Patron limits: rule "Limit for UNDERGRAD" gives user group UNDERGRAD limit 0: it cannot request digitization.',
    );
    expect(dig.steps.at(-1).check).toBe("patron_group");
    const placed = await client(t.app, undergrad.apiKey).post("/api/v1/requests", {
      mms_id: mainTitle.mmsId,
      ...pages,
    });
    expect(placed.status).toBe(422);
    expect(placed.body.code).toBe("DIGITIZATION_NOT_ALLOWED");
  });

  it("hides Digitization from GRAD while the item is on the shelf, and offers it when it is not", async () => {
    const dig = service((await explain(grad, `mms_id=${mainTitle.mmsId}`)).body, "DIGITIZATION");
    expect(dig.offered).toBe(false);
    expect(dig.reason).toBe('Display logic: rule "Grads use the shelf copy" hides Digitization from this patron.');
    expect(dig.steps.at(-1)).toMatchObject({ check: "display_logic", table: "display_logic", rule_id: displayRuleId });
    expect((await client(t.app, grad.apiKey).get(`/api/v1/bibs/${mainTitle.mmsId}/request-options`)).body).toEqual({
      request_option: [],
    });
    const refused = await client(t.app, grad.apiKey).post("/api/v1/requests", { mms_id: mainTitle.mmsId, ...pages });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "DIGITIZATION_NOT_OFFERED",
      message: dig.reason,
      details: { check: "display_logic", rule_id: displayRuleId },
    });

    const onLoan = await makeTitle(t.ctx, inst);
    await t.ctx.db
      .updateTable("items")
      .set({ process_status: "ON_LOAN" })
      .where("id", "=", onLoan.itemIds[0]!)
      .execute();
    const offered = service((await explain(grad, `mms_id=${onLoan.mmsId}`)).body, "DIGITIZATION");
    expect(offered.offered).toBe(true);
    const trace = offered.steps.at(-1).trace;
    expect(trace[0]).toMatchObject({ result: "failed", failed_condition: { index: 1, actual: false } });
    expect(trace[0].sentence).toContain("condition 2 (item_available is true) did not hold");
    const placed = await client(t.app, grad.apiKey).post("/api/v1/requests", { mms_id: onLoan.mmsId, ...pages });
    expect(placed.status).toBe(201);
  });

  it("does not offer digitization to a group no delivery rule covers, saying which rule was tried", async () => {
    const dig = service((await explain(staffPatron, `mms_id=${mainTitle.mmsId}`)).body, "DIGITIZATION");
    expect(dig.offered).toBe(false);
    const delivery = dig.steps.at(-1);
    expect(delivery).toMatchObject({ check: "delivery", passed: false, rule_id: null });
    expect(delivery.sentence).toContain("the default rule does not let user group STAFF receive files electronically");
    expect(delivery.trace[0]).toMatchObject({
      rule_name: "Graduates and faculty",
      result: "failed",
      failed_condition: { index: 0, actual: "STAFF" },
    });
    const placed = await client(t.app, staffPatron.apiKey).post("/api/v1/requests", {
      mms_id: mainTitle.mmsId,
      ...pages,
    });
    expect(placed.body).toMatchObject({ code: "DIGITIZATION_NOT_OFFERED", details: { check: "delivery" } });
  });

  it("does not offer the law library's items: their terms of use say Not digitizable", async () => {
    const dig = service((await explain(faculty, `mms_id=${lawTitle.mmsId}`)).body, "DIGITIZATION");
    expect(dig.offered).toBe(false);
    expect(dig.steps).toHaveLength(1);
    expect(dig.steps[0]).toMatchObject({ check: "terms_of_use", table: "fulfillment_unit.LAW_FU", rule_id: null });
    expect(dig.reason).toBe(
      "Location LAW/STACKS is in fulfillment unit LAW_FU; the default rule of its Request rules gives terms of use NO_DIGI (Not digitizable), which does not allow digitization.",
    );
    const placed = await client(t.app, faculty.apiKey).post("/api/v1/requests", { mms_id: lawTitle.mmsId, ...pages });
    expect(placed.body).toMatchObject({ code: "DIGITIZATION_NOT_OFFERED", details: { check: "terms_of_use" } });
  });

  it("caps the pages of a request by the item's terms of use", async () => {
    const api = client(t.app, adminUser.apiKey);
    await api.post("/api/v1/terms-of-use", {
      code: "SHORT",
      name: "Short extracts",
      is_digitizable: true,
      max_pages_per_request: 5,
    });
    await api.post("/api/v1/rule-tables/fulfillment_unit.LAW_FU/rules", {
      name: "Faculty short extracts",
      conditions: [{ parameter: "user_group", operator: "equals", value: "FACULTY" }],
      output: { terms_of_use: "SHORT" },
    });
    const tooMany = await client(t.app, faculty.apiKey).post("/api/v1/requests", { mms_id: lawTitle.mmsId, ...pages });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields[0]).toMatchObject({ field: "required_pages_range" });
    expect(tooMany.body.fields[0].message).toContain("at most 5");
    const ok = await client(t.app, faculty.apiKey).post("/api/v1/requests", {
      mms_id: lawTitle.mmsId,
      required_pages_range: [{ from_page: "1", to_page: "5" }],
    });
    expect(ok.status).toBe(201);
  });

  it("offers General digitization on a title without items, on both request-options paths", async () => {
    const title = await makeTitle(t.ctx, inst, { items: 0 });
    const res = await explain(operator, `mms_id=${title.mmsId}&user_id=${faculty.primaryId}`);
    expect(service(res.body, "GENERAL_DIGITIZATION")).toMatchObject({ offered: true });
    expect(service(res.body, "DIGITIZATION")).toMatchObject({
      offered: false,
      reason: expect.stringContaining("no items"),
    });
    const compat = await t.app.inject({
      method: "GET",
      url: `/almaws/v1/bibs/${title.mmsId}/request-options?user_id=${faculty.primaryId}`,
      headers: { authorization: `apikey ${operator.apiKey}` },
    });
    expect(compat.statusCode).toBe(200);
    expect(compat.json().request_option.map((o: any) => o.type.value)).toEqual(["GENERAL_DIGITIZATION"]);
    const missing = await t.app.inject({
      method: "GET",
      url: `/almaws/v1/bibs/999999999/request-options?user_id=${faculty.primaryId}`,
      headers: { authorization: `apikey ${operator.apiKey}` },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorsExist: true, errorList: { error: [{ errorCode: "NOT_FOUND" }] } });
  });

  it("only fulfillment staff may ask about another user; other institutions' titles are not found", async () => {
    expect((await explain(grad, `mms_id=${mainTitle.mmsId}&user_id=${faculty.primaryId}`)).status).toBe(404);
    const asStaff = await explain(operator, `mms_id=${mainTitle.mmsId}&user_id=${grad.primaryId}`);
    expect(asStaff.status).toBe(200);
    expect(asStaff.body.user_id).toBe(grad.primaryId);
    const requestsOperator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    expect((await explain(requestsOperator, `mms_id=${mainTitle.mmsId}&user_id=${grad.primaryId}`)).status).toBe(404);
    const other = await makeInstitution(t.ctx);
    const theirs = await makeTitle(t.ctx, other);
    expect((await explain(faculty, `mms_id=${theirs.mmsId}`)).status).toBe(404);
    expect((await client(t.app, faculty.apiKey).get(`/api/v1/bibs/${theirs.mmsId}/request-options`)).status).toBe(404);
    expect((await client(t.app).get(`/api/v1/explain?mms_id=${mainTitle.mmsId}`)).status).toBe(401);
    expect((await explain(faculty, `mms_id=${mainTitle.mmsId}&item_id=${lawTitle.itemIds[0]}`)).status).toBe(404);
  });

  it("explains why a request got its workflow, as it was decided at placement", async () => {
    const old = await makeTitle(t.ctx, inst);
    await t.ctx.db.updateTable("bibs").set({ publication_year: 1925 }).where("id", "=", old.mmsId).execute();
    const placed = await client(t.app, faculty.apiKey).post("/api/v1/requests", { mms_id: old.mmsId, ...pages });
    expect(placed.status).toBe(201);
    const res = await client(t.app, faculty.apiKey).get(`/api/v1/requests/${placed.body.request_id}/explain`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      rule_id: placed.body.workflow.rule_id,
      rule_name: "Public domain by publication year",
      facts: { user_group: "FACULTY", publication_year: 1925, pages_requested: 10, percentage_requested: 3.33 },
    });
    expect(res.body.sentence).toBe(
      'Digitization rule "Public domain by publication year" was the first enabled rule whose conditions all held: delivery by link, copyright clearance (approved automatically: Public domain).',
    );
    expect(res.body.trace[0]).toMatchObject({ rule_name: "Public domain by publication year", result: "matched" });
    expect(res.body.trace).toHaveLength(1);
    expect(res.body.place).toContain("DIGI_DEPT_INST");

    const recent = await client(t.app, faculty.apiKey).post("/api/v1/requests", {
      mms_id: (await makeTitle(t.ctx, inst)).mmsId,
      ...pages,
    });
    const byDefault = await client(t.app, faculty.apiKey).get(`/api/v1/requests/${recent.body.request_id}/explain`);
    expect(byDefault.body.rule_id).toBeNull();
    expect(byDefault.body.sentence).toContain(
      "No enabled digitization rule matched, so the Default Digitization Rule applied",
    );
    expect(byDefault.body.trace.filter((s: any) => s.result === "failed").map((s: any) => s.rule_name)).toEqual([
      "Public domain by publication year",
      "More than 10% of the work",
    ]);
    // another patron cannot see the request, so cannot ask why
    expect((await client(t.app, grad.apiKey).get(`/api/v1/requests/${placed.body.request_id}/explain`)).status).toBe(
      404,
    );
  });
});

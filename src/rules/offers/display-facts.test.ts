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
const pages = { required_pages_range: [{ from_page: "1", to_page: "10" }] };
const service = (body: any, type: string) => body.services.find((s: any) => s.type === type);

/**
 * Display logic on the facts that come from data (DOMAIN 5.7): full text online from the
 * title's full_text_url, requestable as a hold from the terms of use of the item's fulfillment
 * unit, through request-options, explain and placement.
 */
describe("display logic on full text online and requestable as a hold", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  let grad: UserFixture;
  let faculty: UserFixture;
  let onlineRuleId: number;
  let holdsRuleId: number;
  let lawUnitId: number;

  const api = () => client(t.app, adminUser.apiKey);
  const explain = async (user: UserFixture, mmsId: number) => {
    const res = await client(t.app, user.apiKey).get(`/api/v1/explain?mms_id=${mmsId}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const options = async (user: UserFixture, mmsId: number) => {
    const res = await client(t.app, user.apiKey).get(`/api/v1/bibs/${mmsId}/request-options`);
    expect(res.status).toBe(200);
    return res.body.request_option.map((o: any) => o.type.value);
  };
  const online = async (mmsId: number, url: string | null) => {
    const res = await api().patch(`/api/v1/bibs/${mmsId}`, { full_text_url: url });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
    grad = await makeUser(t.ctx, inst, { group: "GRAD" });
    faculty = await makeUser(t.ctx, inst, { group: "FACULTY" });
    onlineRuleId = (
      await api().post("/api/v1/rule-tables/display_logic/rules", {
        name: "Grads read it online",
        conditions: [
          { parameter: "user_group", operator: "equals", value: "GRAD" },
          { parameter: "full_text_online", operator: "equals", value: true },
        ],
        output: { hide: ["digitization", "general_digitization"] },
      })
    ).body.id;
    holdsRuleId = (
      await api().post("/api/v1/rule-tables/display_logic/rules", {
        name: "Faculty place holds",
        conditions: [
          { parameter: "user_group", operator: "equals", value: "FACULTY" },
          { parameter: "hold_requestable", operator: "equals", value: true },
        ],
        output: { hide: ["digitization", "general_digitization"] },
      })
    ).body.id;
    expect(onlineRuleId).toEqual(expect.any(Number));
    expect(holdsRuleId).toEqual(expect.any(Number));

    const terms = async (body: object) => expect((await api().post("/api/v1/terms-of-use", body)).status).toBe(201);
    await terms({ code: "HOLDS", name: "Loan and copy", is_digitizable: true });
    await terms({ code: "NO_HOLDS", name: "Copy only", is_digitizable: true, is_requestable: false });
    const unit = async (code: string, locationId: number, defaultTerms: string) => {
      const res = await api().post("/api/v1/fulfillment-units", {
        code,
        name: code,
        location_ids: [locationId],
        default_terms_of_use: defaultTerms,
      });
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    await unit("MAIN_FU", inst.locations.mainStacks, "HOLDS");
    lawUnitId = await unit("LAW_FU", inst.locations.lawStacks, "NO_HOLDS");
  });

  it("hides Digitization from GRAD on a title with full text online, and not on one without", async () => {
    const withText = await makeTitle(t.ctx, inst);
    const printOnly = await makeTitle(t.ctx, inst);
    await online(withText.mmsId, "https://example.org/full-text.pdf");

    expect(await options(grad, withText.mmsId)).toEqual([]);
    const hidden = service(await explain(grad, withText.mmsId), "DIGITIZATION");
    expect(hidden).toMatchObject({
      offered: false,
      reason: 'Display logic: rule "Grads read it online" hides Digitization from this patron.',
    });
    expect(hidden.steps.at(-1)).toMatchObject({ check: "display_logic", rule_id: onlineRuleId });
    expect(hidden.steps.at(-1).trace[0]).toMatchObject({ rule_id: onlineRuleId, result: "matched" });

    expect(await options(grad, printOnly.mmsId)).toEqual(["DIGITIZATION"]);
    const offered = service(await explain(grad, printOnly.mmsId), "DIGITIZATION");
    expect(offered).toMatchObject({ offered: true, reason: "Digitization is offered." });
    const display = offered.steps.at(-1);
    expect(display).toMatchObject({ check: "display_logic", passed: true, rule_id: null });
    expect(display.trace[0]).toMatchObject({
      rule_id: onlineRuleId,
      result: "failed",
      failed_condition: { index: 1, actual: false },
    });
    expect(display.trace[0].sentence).toBe(
      'Rule "Grads read it online" did not match: condition 2 (full_text_online is true) did not hold; the value was false.',
    );

    // placement decides the same way
    const refused = await client(t.app, grad.apiKey).post("/api/v1/requests", { mms_id: withText.mmsId, ...pages });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "DIGITIZATION_NOT_OFFERED",
      details: { check: "display_logic", rule_id: onlineRuleId },
    });
    const placed = await client(t.app, grad.apiKey).post("/api/v1/requests", { mms_id: printOnly.mmsId, ...pages });
    expect(placed.status).toBe(201);

    // the link removed, the service comes back
    await online(withText.mmsId, null);
    expect(await options(grad, withText.mmsId)).toEqual(["DIGITIZATION"]);
  });

  it("hides General digitization from GRAD on a title without items that is online", async () => {
    const withText = await makeTitle(t.ctx, inst, { items: 0 });
    const printOnly = await makeTitle(t.ctx, inst, { items: 0 });
    await online(withText.mmsId, "http://example.org/scan");
    expect(await options(grad, withText.mmsId)).toEqual([]);
    expect(service(await explain(grad, withText.mmsId), "GENERAL_DIGITIZATION")).toMatchObject({
      offered: false,
      reason: 'Display logic: rule "Grads read it online" hides General digitization from this patron.',
    });
    expect(await options(grad, printOnly.mmsId)).toEqual(["GENERAL_DIGITIZATION"]);
    const refused = await client(t.app, grad.apiKey).post("/api/v1/requests", {
      mms_id: withText.mmsId,
      library: "MAIN",
      ...pages,
    });
    expect(refused.body).toMatchObject({ code: "DIGITIZATION_NOT_OFFERED", details: { rule_id: onlineRuleId } });
  });

  it("hides Digitization from FACULTY when the item's terms of use make it requestable as a hold", async () => {
    const holdable = await makeTitle(t.ctx, inst);
    const copyOnly = await makeTitle(t.ctx, inst, { library: "law" });

    expect(await options(faculty, holdable.mmsId)).toEqual([]);
    const hidden = service(await explain(faculty, holdable.mmsId), "DIGITIZATION");
    expect(hidden.reason).toBe('Display logic: rule "Faculty place holds" hides Digitization from this patron.');
    expect(hidden.steps[0]).toMatchObject({ check: "terms_of_use", table: "fulfillment_unit.MAIN_FU" });
    expect(hidden.steps.at(-1).trace.map((s: any) => [s.rule_name, s.result])).toEqual([
      ["Grads read it online", "failed"],
      ["Faculty place holds", "matched"],
    ]);
    const refused = await client(t.app, faculty.apiKey).post("/api/v1/requests", { mms_id: holdable.mmsId, ...pages });
    expect(refused.body).toMatchObject({
      code: "DIGITIZATION_NOT_OFFERED",
      details: { check: "display_logic", rule_id: holdsRuleId },
    });

    expect(await options(faculty, copyOnly.mmsId)).toEqual(["DIGITIZATION"]);
    const offered = service(await explain(faculty, copyOnly.mmsId), "DIGITIZATION");
    expect(offered.offered).toBe(true);
    expect(offered.steps.at(-1).trace[1]).toMatchObject({
      rule_id: holdsRuleId,
      result: "failed",
      failed_condition: { index: 1, actual: false },
    });
    expect(offered.steps.at(-1).trace[1].sentence).toContain(
      "(hold_requestable is true) did not hold; the value was false",
    );
    const placed = await client(t.app, faculty.apiKey).post("/api/v1/requests", { mms_id: copyOnly.mmsId, ...pages });
    expect(placed.status).toBe(201);

    // the same terms changed: the law item becomes requestable as a hold, and Digitization goes
    const terms = (await api().get("/api/v1/terms-of-use")).body.terms_of_use.find((x: any) => x.code === "NO_HOLDS");
    expect((await api().patch(`/api/v1/terms-of-use/${terms.id}`, { is_requestable: true })).status).toBe(200);
    expect(await options(faculty, copyOnly.mmsId)).toEqual([]);
    expect((await api().patch(`/api/v1/terms-of-use/${terms.id}`, { is_requestable: false })).status).toBe(200);
    expect(await options(faculty, copyOnly.mmsId)).toEqual(["DIGITIZATION"]);
  });

  it("treats an item in no fulfillment unit as unknown, and a title without items as not requestable as a hold", async () => {
    const law = await makeTitle(t.ctx, inst, { library: "law" });
    expect((await api().patch(`/api/v1/fulfillment-units/${lawUnitId}`, { location_ids: [] })).status).toBe(200);
    try {
      const dig = service(await explain(faculty, law.mmsId), "DIGITIZATION");
      expect(dig.offered).toBe(true);
      expect(dig.steps[0].sentence).toContain("belongs to no fulfillment unit");
      const trace = dig.steps.at(-1).trace[1];
      expect(trace).toMatchObject({ rule_id: holdsRuleId, failed_condition: { index: 1, actual: null } });
      expect(trace.sentence).toContain("(hold_requestable is true) did not hold; the value was unknown");
    } finally {
      await api().patch(`/api/v1/fulfillment-units/${lawUnitId}`, { location_ids: [inst.locations.lawStacks] });
    }

    const noItems = await makeTitle(t.ctx, inst, { items: 0 });
    expect(await options(faculty, noItems.mmsId)).toEqual(["GENERAL_DIGITIZATION"]);
    const general = service(await explain(faculty, noItems.mmsId), "GENERAL_DIGITIZATION");
    expect(general.steps.at(-1).trace[1]).toMatchObject({
      rule_id: holdsRuleId,
      failed_condition: { index: 1, actual: false },
    });
    // a rule on "not requestable as a hold" does apply to it
    const rule = await api().post("/api/v1/rule-tables/display_logic/rules", {
      name: "No holds, no general digitization",
      conditions: [
        { parameter: "user_group", operator: "equals", value: "FACULTY" },
        { parameter: "hold_requestable", operator: "equals", value: false },
      ],
      output: { hide: ["general_digitization"] },
    });
    expect(rule.status).toBe(201);
    expect(await options(faculty, noItems.mmsId)).toEqual([]);
    expect((await api().delete(`/api/v1/rule-tables/display_logic/rules/${rule.body.id}`)).status).toBe(204);
  });
});

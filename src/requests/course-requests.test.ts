import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { almaws } from "../../test/almaws.js";
import {
  admin,
  countRows,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();
const alma = almaws(() => t.app);
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };
const COURSE_RULE = "Staff requests for course reserves";

/** Course-reserve requests (DOMAIN 5.5, request source `course`), placed by staff for a course. */
describe("course-reserve requests", () => {
  let inst: InstitutionFixture;
  let fso: UserFixture;
  let patron: UserFixture;
  let courseRuleId: string;

  const place = (user: UserFixture, body: Record<string, unknown>) =>
    client(t.app, user.apiKey).post("/api/v1/requests", body);

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    fso = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    const rules = (await api.get("/api/v1/rule-tables/digitization")).body.rules;
    courseRuleId = String(rules.find((r: any) => r.name === COURSE_RULE).id);
    expect((await api.patch(`/api/v1/rule-tables/digitization/rules/${courseRuleId}`, { enabled: true })).status).toBe(
      200,
    );
  });

  it("staff place one for a patron: source course, the course kept, rule 6 gives parallel copyright clearance", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await place(fso, {
      user_id: patron.primaryId,
      mms_id: String(title.mmsId),
      course: { code: "  HIST-201 ", name: " Early modern Europe " },
      ...pages,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user_id: patron.primaryId,
      request_source: "course",
      course: { code: "HIST-201", name: "Early modern Europe" },
      workflow: {
        copyright_clearance_required: true,
        approval_required: false,
        approval_mode: "parallel",
        rule_id: courseRuleId,
      },
      tasks: [{ kind: "copyright", status: "pending" }],
      // in parallel: digitization goes ahead while copyright is cleared
      request_status: "PICK_FROM_SHELF",
    });
    const id = res.body.request_id;

    const read = await client(t.app, patron.apiKey).get(`/api/v1/requests/${id}`);
    expect(read.body.course).toEqual({ code: "HIST-201", name: "Early modern Europe" });

    const explain = await client(t.app, fso.apiKey).get(`/api/v1/requests/${id}/explain`);
    expect(explain.status).toBe(200);
    expect(explain.body).toMatchObject({ rule_id: courseRuleId, rule_name: COURSE_RULE });
    expect(explain.body.facts.request_source).toBe("course");
    expect(explain.body.sentence).toContain(`"${COURSE_RULE}"`);
    expect(explain.body.sentence).toContain("copyright clearance (in parallel with digitization)");
    expect(explain.body.trace.at(-1)).toMatchObject({
      rule_id: Number(courseRuleId),
      rule_name: COURSE_RULE,
      result: "matched",
    });

    const history = await client(t.app, fso.apiKey).get(`/api/v1/requests/${id}/history`);
    expect(history.body.events[0]).toMatchObject({
      action: "placed",
      data: { source: "course", course: { code: "HIST-201", name: "Early modern Europe" } },
    });

    const compat = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests/${id}`, { key: patron.apiKey });
    expect(compat.status).toBe(200);
    expect(compat.body.request_source).toBe("course");
  });

  it("the same request without a course is a staff request that rule 6 does not match", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await place(fso, { user_id: patron.primaryId, mms_id: String(title.mmsId), ...pages });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      request_source: "staff",
      course: null,
      workflow: { copyright_clearance_required: false, rule_id: null },
      tasks: [],
    });
    const explain = await client(t.app, fso.apiKey).get(`/api/v1/requests/${res.body.request_id}/explain`);
    expect(explain.body.facts.request_source).toBe("staff");
    expect(explain.body.rule_id).toBeNull();
  });

  it("a course name is optional; staff may place a course request for themselves", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await place(fso, { mms_id: String(title.mmsId), course: { code: "LAW-100" }, ...pages });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user_id: fso.primaryId,
      request_source: "course",
      course: { code: "LAW-100", name: null },
      workflow: { rule_id: courseRuleId },
    });
  });

  it("staff list a course's requests with ?course=, within what they may see", async () => {
    const other = await makeInstitution(t.ctx);
    const title = await makeTitle(t.ctx, inst);
    const mine = await place(fso, {
      user_id: patron.primaryId,
      mms_id: String(title.mmsId),
      course: { code: "BIO-310" },
      ...pages,
    });
    await place(fso, { user_id: patron.primaryId, mms_id: String(title.mmsId), course: { code: "BIO-311" }, ...pages });
    const list = await client(t.app, fso.apiKey).get("/api/v1/requests?course=BIO-310");
    expect(list.status).toBe(200);
    expect(list.body.requests.map((r: any) => r.request_id)).toEqual([mine.body.request_id]);

    // the same course code in another institution is another course
    const otherStaff = await makeUser(t.ctx, other, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }],
    });
    expect((await client(t.app, otherStaff.apiKey).get("/api/v1/requests?course=BIO-310")).body.requests).toEqual([]);
    // a patron who is not the request's patron sees none of it
    const stranger = await makeUser(t.ctx, inst);
    expect((await client(t.app, stranger.apiKey).get("/api/v1/requests?course=BIO-310")).body.requests).toEqual([]);
    expect((await client(t.app, fso.apiKey).get("/api/v1/requests?course=NO-SUCH")).body.requests).toEqual([]);
  });

  it("refuses a patron's own course request with 403, writing nothing", async () => {
    const title = await makeTitle(t.ctx, inst);
    const before = await countRows(t.ctx, "requests", inst.id);
    const letters = await countRows(t.ctx, "outbox", inst.id);
    const res = await place(patron, { mms_id: String(title.mmsId), course: { code: "HIST-201" }, ...pages });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/course-reserve/) });
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
    expect(await countRows(t.ctx, "outbox", inst.id)).toBe(letters);
    // the same request without the course is the patron's to place
    expect((await place(patron, { mms_id: String(title.mmsId), ...pages })).body.request_source).toBe("patron");
  });

  it("refuses staff whose scope does not cover the item's library, even for themselves", async () => {
    const lawStaff = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.law }],
    });
    const mainTitle = await makeTitle(t.ctx, inst, { library: "main" });
    const before = await countRows(t.ctx, "requests", inst.id);
    const res = await place(lawStaff, { mms_id: String(mainTitle.mmsId), course: { code: "HIST-201" }, ...pages });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
    const lawTitle = await makeTitle(t.ctx, inst, { library: "law" });
    const ok = await place(lawStaff, { mms_id: String(lawTitle.mmsId), course: { code: "HIST-201" }, ...pages });
    expect(ok.status).toBe(201);
  });

  it.each([
    ["an empty code", { code: "" }, "course.code"],
    ["a blank code", { code: "   " }, "course.code"],
    ["no code", { name: "Early modern Europe" }, "course.code"],
    ["a code over 50 characters", { code: "C".repeat(51) }, "course.code"],
    ["a name over 200 characters", { code: "HIST-201", name: "N".repeat(201) }, "course.name"],
    ["a course that is not an object", "HIST-201", "course"],
  ])("refuses %s with VALIDATION_FAILED naming the field", async (_what, course, field) => {
    const title = await makeTitle(t.ctx, inst);
    const before = await countRows(t.ctx, "requests", inst.id);
    const res = await place(fso, { user_id: patron.primaryId, mms_id: String(title.mmsId), course, ...pages });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: any) => f.field)).toContain(field);
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
  });

  it("refuses keys a course does not have", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await place(fso, {
      user_id: patron.primaryId,
      mms_id: String(title.mmsId),
      course: { code: "HIST-201", term: "2026 spring" },
      ...pages,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields).toEqual([{ field: "course", message: expect.stringContaining('"term"') }]);
  });

  it("is described in the OpenAPI document: the course in, the course out, and the list filter", async () => {
    const doc = (await client(t.app).get("/api/openapi.json")).body;
    const post = doc.paths["/api/v1/requests"].post;
    const body = post.requestBody.content["application/json"].schema;
    expect(body.properties.course).toMatchObject({
      type: "object",
      properties: { code: { type: "string", maxLength: 50 }, name: { type: "string", maxLength: 200 } },
      required: ["code"],
    });
    const answered = JSON.stringify(post.responses["201"]);
    expect(answered).toContain('"course"');
    const list = doc.paths["/api/v1/requests"].get.parameters.map((p: any) => p.name);
    expect(list).toContain("course");
  });

  it("accepts exactly 50 characters of code and 200 of name", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await place(fso, {
      user_id: patron.primaryId,
      mms_id: String(title.mmsId),
      course: { code: "C".repeat(50), name: "N".repeat(200) },
      ...pages,
    });
    expect(res.status).toBe(201);
    expect(res.body.course).toEqual({ code: "C".repeat(50), name: "N".repeat(200) });
  });
});

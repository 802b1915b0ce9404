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
import { joinConsortiumCli } from "../../cli/join-consortium.js";
import { STARTING_APPROVAL_REASONS } from "./seed-approval-reasons.js";

const t = useTestApp();

const pages = { required_pages_range: [{ from_page: "1", to_page: "10" }] };
const automaticFor = (reason: string) => ({
  target: "link",
  approval_required: false,
  copyright_clearance_required: true,
  approval_mode: "automatic",
  approval_reason: reason,
  max_views: 5,
  link_expiry_days: 14,
  target_destination: null,
});
const everyone = (name: string, reason: string) => ({
  name,
  conditions: [{ parameter: "user_group", operator: "is_not_empty" }],
  output: automaticFor(reason),
});

/** The configurable list of approval reasons (DOMAIN 5.5) and the rules that name them. */
describe("approval reasons", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  let fulfillmentAdmin: UserFixture;
  let operator: UserFixture;
  let patron: UserFixture;
  const idOf = async (code: string): Promise<number> =>
    (await client(t.app, adminUser.apiKey).get("/api/v1/approval-reasons")).body.approval_reasons.find(
      (r: any) => r.code === code,
    ).id;

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
    fulfillmentAdmin = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    patron = await makeUser(t.ctx, inst, { group: "GRAD" });
  });

  it("every institution starts with the list, in order, all active; any staff member may read it", async () => {
    const res = await client(t.app, operator.apiKey).get("/api/v1/approval-reasons");
    expect(res.status).toBe(200);
    expect(res.body.approval_reasons.map((r: any) => [r.code, r.label, r.active, r.position])).toEqual(
      STARTING_APPROVAL_REASONS.map((r, i) => [r.code, r.label, true, i + 1]),
    );
    expect(res.body.approval_reasons.map((r: any) => r.code)).toEqual(
      expect.arrayContaining([
        "PUBLIC_DOMAIN",
        "FAIR_USE",
        "LICENCE_HELD",
        "PERMISSION_OBTAINED",
        "GOVERNMENT_WORK",
        "FACULTY_TEACHING",
      ]),
    );
    const one = await client(t.app, operator.apiKey).get(`/api/v1/approval-reasons/${await idOf("FAIR_USE")}`);
    expect(one.body).toMatchObject({ code: "FAIR_USE", label: "Fair use", description: expect.any(String) });
    expect((await client(t.app, patron.apiKey).get("/api/v1/approval-reasons")).status).toBe(403);
  });

  it("the predefined rules name reasons of the list", async () => {
    const rules = (await client(t.app, adminUser.apiKey).get("/api/v1/rule-tables/digitization")).body.rules;
    const named = rules.map((r: any) => r.output.approval_reason).filter((c: unknown) => c !== null);
    expect(named).toEqual(["PUBLIC_DOMAIN", "GOVERNMENT_WORK", "FACULTY_TEACHING"]);
  });

  it("creates at the end, reads, changes and deletes a reason", async () => {
    const api = client(t.app, fulfillmentAdmin.apiKey);
    const created = await api.post("/api/v1/approval-reasons", { code: "TEXT_AND_DATA_MINING", label: "TDM" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "TEXT_AND_DATA_MINING",
      label: "TDM",
      description: null,
      active: true,
      position: STARTING_APPROVAL_REASONS.length + 1,
    });
    const id = created.body.id;
    expect((await api.get(`/api/v1/approval-reasons/${id}`)).body).toEqual(created.body);

    const changed = await api.patch(`/api/v1/approval-reasons/${id}`, {
      code: "TDM",
      label: "Text and data mining",
      description: "Copies made for text and data mining.",
      active: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id,
      code: "TDM",
      label: "Text and data mining",
      description: "Copies made for text and data mining.",
      active: false,
    });

    expect((await api.delete(`/api/v1/approval-reasons/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/approval-reasons/${id}`)).status).toBe(404);
  });

  it("refuses a code another reason has, and an invalid body", async () => {
    const api = client(t.app, adminUser.apiKey);
    const dup = await api.post("/api/v1/approval-reasons", { code: "FAIR_USE", label: "Again" });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "code", message: "is already used" }] });
    const renamed = await api.patch(`/api/v1/approval-reasons/${await idOf("LICENCE_HELD")}`, { code: "FAIR_USE" });
    expect(renamed.status).toBe(409);
    expect(renamed.body.code).toBe("DUPLICATE");
    expect((await api.get(`/api/v1/approval-reasons/${await idOf("LICENCE_HELD")}`)).body.code).toBe("LICENCE_HELD");
    const bad = await api.post("/api/v1/approval-reasons", { code: "has space", label: "" });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.field).sort()).toEqual(["code", "label"]);
  });

  it("reorders the list, and refuses an order that leaves a reason out", async () => {
    const api = client(t.app, adminUser.apiKey);
    const before = (await api.get("/api/v1/approval-reasons")).body.approval_reasons.map((r: any) => r.id);
    const reversed = [...before].reverse();
    const res = await api.put("/api/v1/approval-reasons/order", { reason_ids: reversed });
    expect(res.status).toBe(200);
    expect(res.body.approval_reasons.map((r: any) => [r.id, r.position])).toEqual(reversed.map((id, i) => [id, i + 1]));
    expect((await api.get("/api/v1/approval-reasons")).body.approval_reasons.map((r: any) => r.id)).toEqual(reversed);

    const missing = await api.put("/api/v1/approval-reasons/order", { reason_ids: before.slice(1) });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "reason_ids" }] });
    const twice = await api.put("/api/v1/approval-reasons/order", { reason_ids: [...before.slice(1), before[1]] });
    expect(twice.status).toBe(400);
    expect((await api.get("/api/v1/approval-reasons")).body.approval_reasons.map((r: any) => r.id)).toEqual(reversed);
    await api.put("/api/v1/approval-reasons/order", { reason_ids: before });
  });

  it("a patron or a staff member without a fulfillment administration role cannot change the list", async () => {
    const id = await idOf("FAIR_USE");
    const before = (await client(t.app, adminUser.apiKey).get("/api/v1/approval-reasons")).body;
    for (const user of [patron, operator]) {
      const api = client(t.app, user.apiKey);
      const attempts = [
        await api.post("/api/v1/approval-reasons", { code: "MINE", label: "Mine" }),
        await api.patch(`/api/v1/approval-reasons/${id}`, { label: "Changed" }),
        await api.delete(`/api/v1/approval-reasons/${id}`),
        await api.put("/api/v1/approval-reasons/order", { reason_ids: [...before.approval_reasons].map((r) => r.id) }),
      ];
      expect(attempts.map((a) => [a.status, a.body.code])).toEqual(Array(4).fill([403, "FORBIDDEN"]));
    }
    expect((await client(t.app, adminUser.apiKey).get("/api/v1/approval-reasons")).body).toEqual(before);
  });

  it("another institution's reason is not found", async () => {
    const other = await makeInstitution(t.ctx);
    const otherAdmin = await admin(t.ctx, other);
    const id = await idOf("FAIR_USE");
    const api = client(t.app, otherAdmin.apiKey);
    expect((await api.get(`/api/v1/approval-reasons/${id}`)).status).toBe(404);
    expect((await api.patch(`/api/v1/approval-reasons/${id}`, { label: "Theirs" })).status).toBe(404);
    expect((await api.delete(`/api/v1/approval-reasons/${id}`)).status).toBe(404);
  });

  it("a reason a rule names cannot be deleted or recoded, naming the rule; it can be deactivated", async () => {
    const api = client(t.app, adminUser.apiKey);
    const id = await idOf("PUBLIC_DOMAIN");
    const before = (await api.get(`/api/v1/approval-reasons/${id}`)).body;

    const deleted = await api.delete(`/api/v1/approval-reasons/${id}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.code).toBe("IN_USE");
    expect(deleted.body.message).toContain('"Public domain by publication year"');
    expect(deleted.body.details.rules).toEqual([{ id: expect.any(Number), name: "Public domain by publication year" }]);
    const recoded = await api.patch(`/api/v1/approval-reasons/${id}`, { code: "PD", label: "PD" });
    expect(recoded.status).toBe(409);
    expect(recoded.body.code).toBe("IN_USE");
    expect((await api.get(`/api/v1/approval-reasons/${id}`)).body).toEqual(before);

    const deactivated = await api.patch(`/api/v1/approval-reasons/${id}`, {
      active: false,
      label: "Public domain (US)",
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ code: "PUBLIC_DOMAIN", active: false, label: "Public domain (US)" });
    // The rule that already names it may still be enabled and edited; a new rule may not choose it.
    const rules = (await api.get("/api/v1/rule-tables/digitization")).body.rules;
    const pd = rules.find((r: any) => r.name === "Public domain by publication year");
    expect((await api.patch(`/api/v1/rule-tables/digitization/rules/${pd.id}`, { enabled: true })).status).toBe(200);
    expect((await api.patch(`/api/v1/rule-tables/digitization/rules/${pd.id}`, { enabled: false })).status).toBe(200);
    const fresh = await api.post("/api/v1/rule-tables/digitization/rules", everyone("Everything", "PUBLIC_DOMAIN"));
    expect(fresh.status).toBe(400);
    expect(fresh.body.fields).toEqual([
      {
        field: "output.approval_reason",
        message: 'rule "Everything", output: approval reason PUBLIC_DOMAIN is inactive; activate it or choose another',
      },
    ]);
    await api.patch(`/api/v1/approval-reasons/${id}`, { active: true, label: "Public domain" });
  });

  it("the default output naming a reason keeps it in use too", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    const reasons = (await api.get("/api/v1/approval-reasons")).body.approval_reasons;
    const fairUse = reasons.find((r: any) => r.code === "FAIR_USE").id;
    const set = await api.put("/api/v1/rule-tables/digitization/default", { default_output: automaticFor("FAIR_USE") });
    expect(set.status).toBe(200);
    const deleted = await api.delete(`/api/v1/approval-reasons/${fairUse}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body).toMatchObject({ code: "IN_USE", details: { rules: [{ id: null, name: "default" }] } });
    expect(deleted.body.message).toContain("the Default Digitization Rule");
    expect((await api.get(`/api/v1/approval-reasons/${fairUse}`)).status).toBe(200);
  });

  it("a rule or default output naming no reason of the list is refused, naming the rule and the field", async () => {
    const api = client(t.app, fulfillmentAdmin.apiKey);
    const created = await api.post("/api/v1/rule-tables/digitization/rules", everyone("Free text", "public domain"));
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [
        {
          field: "output.approval_reason",
          message:
            'rule "Free text", output: public domain is not an approval reason of this institution (see /api/v1/approval-reasons)',
        },
      ],
    });
    const rules = (await api.get("/api/v1/rule-tables/digitization")).body.rules;
    expect(rules.map((r: any) => r.name)).not.toContain("Free text");

    const faculty = rules.find((r: any) => r.name === "Faculty auto-approval");
    const patched = await api.patch(`/api/v1/rule-tables/digitization/rules/${faculty.id}`, {
      output: { ...faculty.output, approval_reason: "NOPE" },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.fields[0]).toMatchObject({ field: "output.approval_reason" });
    expect(patched.body.fields[0].message).toContain('rule "Faculty auto-approval"');

    const defaulted = await api.put("/api/v1/rule-tables/digitization/default", {
      default_output: automaticFor("NOPE"),
    });
    expect(defaulted.status).toBe(400);
    expect(defaulted.body.fields).toEqual([
      {
        field: "default_output.approval_reason",
        message:
          "the Default Digitization Rule's output: NOPE is not an approval reason of this institution (see /api/v1/approval-reasons)",
      },
    ]);
    const table = (await api.get("/api/v1/rule-tables/digitization")).body;
    expect(table.default_output.approval_reason).toBeNull();
    expect(table.rules.find((r: any) => r.id === faculty.id).output.approval_reason).toBe("FACULTY_TEACHING");
  });
});

describe("the approval reason of a placed request", () => {
  it("an automatic rule gives the request's task the reason's code and label, and explain names the label", async () => {
    const inst = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    const patron = await makeUser(t.ctx, inst, { group: "GRAD" });
    const rule = await api.post("/api/v1/rule-tables/digitization/rules", everyone("Licensed", "LICENCE_HELD"));
    expect(rule.status).toBe(201);

    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String((await makeTitle(t.ctx, inst)).mmsId),
      ...pages,
    });
    expect(placed.status).toBe(201);
    expect(placed.body.workflow).toMatchObject({
      approval_mode: "automatic",
      approval_reason: "LICENCE_HELD",
      approval_reason_label: "Licence held",
      rule_id: String(rule.body.id),
    });
    expect(placed.body.tasks).toMatchObject([
      { kind: "copyright", status: "approved", reason: "LICENCE_HELD", reason_label: "Licence held" },
    ]);

    // The code is what is stored: a new label shows on the request already placed.
    const reasons = (await api.get("/api/v1/approval-reasons")).body.approval_reasons;
    const licence = reasons.find((r: any) => r.code === "LICENCE_HELD").id;
    await api.patch(`/api/v1/approval-reasons/${licence}`, { label: "Licence held by the library" });
    const read = await api.get(`/api/v1/requests/${placed.body.request_id}`);
    expect(read.body.tasks[0]).toMatchObject({ reason: "LICENCE_HELD", reason_label: "Licence held by the library" });
    const listed = await api.get("/api/v1/requests");
    expect(listed.body.requests[0].workflow.approval_reason_label).toBe("Licence held by the library");
    const explained = await api.get(`/api/v1/requests/${placed.body.request_id}/explain`);
    expect(explained.body.sentence).toContain("approved automatically: Licence held by the library");
    expect(explained.body.workflow).toMatchObject({
      approval_reason: "LICENCE_HELD",
      approval_reason_label: "Licence held by the library",
    });
  });

  it("a task decided by staff has no label; its reason is their own words", async () => {
    const inst = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    const patron = await makeUser(t.ctx, inst, { group: "GRAD" });
    await api.put("/api/v1/rule-tables/digitization/default", {
      default_output: { ...automaticFor("FAIR_USE"), approval_mode: "blocks", approval_reason: null },
    });
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String((await makeTitle(t.ctx, inst)).mmsId),
      ...pages,
    });
    expect(placed.body.workflow.approval_reason_label).toBeNull();
    const task = placed.body.tasks[0];
    const manager = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_MANAGER", scope: "library", scopeId: inst.libraries.main }],
    });
    const approved = await client(t.app, manager.apiKey).post(
      `/api/v1/requests/${placed.body.request_id}/tasks/${task.task_id}/approve`,
      {
        reason: "FAIR_USE",
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.tasks[0]).toMatchObject({ status: "approved", reason: "FAIR_USE", reason_label: null });
  });

  it("a member's request under a consortium rule shows the consortium's label for a reason the member lacks", async () => {
    const consortium = await makeInstitution(t.ctx);
    const member = await makeInstitution(t.ctx);
    const consortiumApi = client(t.app, (await admin(t.ctx, consortium)).apiKey);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await joinConsortiumCli(t.ctx.db, ["--institution", member.code, "--consortium", consortium.code], io)).toBe(
      0,
    );
    const shared = await consortiumApi.post("/api/v1/approval-reasons", {
      code: "CONSORTIUM_LICENCE",
      label: "Consortium licence",
    });
    expect(shared.status).toBe(201);
    expect(
      (await consortiumApi.post("/api/v1/rule-tables/digitization/rules", everyone("Shared", "CONSORTIUM_LICENCE")))
        .status,
    ).toBe(201);

    const patron = await makeUser(t.ctx, member, { group: "GRAD" });
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String((await makeTitle(t.ctx, member)).mmsId),
      ...pages,
    });
    expect(placed.status).toBe(201);
    expect(placed.body.tasks).toMatchObject([
      { status: "approved", reason: "CONSORTIUM_LICENCE", reason_label: "Consortium licence" },
    ]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/api.js";
import {
  admin,
  countRows,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type TitleFixture,
  type UserFixture,
} from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

describe("patron limits as a rule table (DOMAIN 5.3)", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  let title: TitleFixture;
  const api = () => client(t.app, adminUser.apiKey);
  const table = async () => (await api().get("/api/v1/rule-tables/patron_limits")).body;
  const group = async (code: string) =>
    ((await api().get("/api/v1/user-groups")).body.user_groups as any[]).find((g) => g.code === code);
  const versions = async () => (await api().get("/api/v1/rule-tables/patron_limits/versions")).body.versions;

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
    title = await makeTitle(t.ctx, inst);
  });

  it("holds one row per user group, with user_group as its only parameter and no limit by default", async () => {
    const body = await table();
    expect(body).toMatchObject({ kind: "patron_limits", title: "Patron limits" });
    expect(body.default_output).toEqual({ max_digitization_requests: null });
    expect(body.parameters.map((p: any) => p.name)).toEqual(["user_group"]);
    expect(body.rules.map((r: any) => [r.name, r.conditions, r.output])).toEqual(
      [
        ["UNDERGRAD", 3],
        ["GRAD", 5],
        ["FACULTY", null],
        ["STAFF", null],
      ].map(([code, max]) => [
        `Limit for ${code}`,
        [{ parameter: "user_group", operator: "equals", value: code }],
        { max_digitization_requests: max },
      ]),
    );
    expect(await group("GRAD")).toMatchObject({
      max_digitization_requests: 5,
      limit_rule: { name: "Limit for GRAD" },
      limit_description: "At most 5 active digitization requests at a time.",
      locked: false,
    });
  });

  it("refuses an invalid rule, naming the rule and the condition, and writes nothing", async () => {
    const before = (await versions()).length;
    const cases: [unknown, string, RegExp][] = [
      [
        { name: "Negative", conditions: [], output: { max_digitization_requests: -1 } },
        "output.max_digitization_requests",
        /Negative/,
      ],
      [
        { name: "Fraction", conditions: [], output: { max_digitization_requests: 1.5 } },
        "output.max_digitization_requests",
        /whole number/,
      ],
      [
        {
          name: "By library",
          conditions: [{ parameter: "library", operator: "equals", value: "MAIN" }],
          output: { max_digitization_requests: 1 },
        },
        "conditions.0.parameter",
        /By library/,
      ],
      [
        {
          name: "Unknown group",
          conditions: [{ parameter: "user_group", operator: "in_list", value: ["GRAD", "ALUMNI"] }],
          output: { max_digitization_requests: 1 },
        },
        "conditions.0.value.1",
        /ALUMNI is not a user group code/,
      ],
      [
        {
          name: "Wrong operator",
          conditions: [{ parameter: "user_group", operator: "greater_than", value: "GRAD" }],
          output: { max_digitization_requests: 1 },
        },
        "conditions.0.operator",
        /Wrong operator/,
      ],
    ];
    for (const [body, field, message] of cases) {
      const res = await api().post("/api/v1/rule-tables/patron_limits/rules", body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
      expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(res.body.message).toMatch(message);
    }
    expect((await table()).rules).toHaveLength(4);
    expect(await versions()).toHaveLength(before);
  });

  it("applies the first matching rule: a rule moved first caps two groups at once, and placement obeys it", async () => {
    const made = await api().post("/api/v1/rule-tables/patron_limits/rules", {
      name: "Students: one at a time",
      conditions: [{ parameter: "user_group", operator: "in_list", value: ["UNDERGRAD", "GRAD"] }],
      output: { max_digitization_requests: 1 },
    });
    expect(made.status).toBe(201);
    // Last in the table, it decides nothing yet: each group's own row comes first.
    expect((await group("GRAD")).max_digitization_requests).toBe(5);
    const ids = (await table()).rules.map((r: any) => r.id);
    const order = [made.body.id, ...ids.filter((id: number) => id !== made.body.id)];
    expect((await api().put("/api/v1/rule-tables/patron_limits/order", { rule_ids: order })).status).toBe(200);
    expect(await group("GRAD")).toMatchObject({
      max_digitization_requests: 1,
      limit_rule: { id: made.body.id, name: "Students: one at a time" },
    });

    const grad = await makeUser(t.ctx, inst, { group: "GRAD" });
    const placeAs = client(t.app, grad.apiKey);
    expect((await placeAs.post("/api/v1/requests", { mms_id: title.mmsId, ...pages })).status).toBe(201);
    const count = await countRows(t.ctx, "requests", inst.id);
    const second = await placeAs.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(second.status).toBe(422);
    expect(second.body).toMatchObject({
      code: "PATRON_LIMIT_REACHED",
      details: { active: 1, limit: 1, table: "patron_limits", rule_id: made.body.id },
    });
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(count);

    const explained = await client(t.app, grad.apiKey).get(`/api/v1/explain?mms_id=${title.mmsId}`);
    const step = explained.body.services[0].steps.find((s: any) => s.check === "patron_limit");
    expect(step).toMatchObject({ passed: false, table: "patron_limits", rule_id: made.body.id });
    expect(step.sentence).toBe(
      'Patron limits: rule "Students: one at a time" gives user group GRAD a limit of 1 active digitization request; the patron has 1.',
    );
    expect(step.trace[0]).toMatchObject({ rule_id: made.body.id, result: "matched" });

    // Disabled, the rule is skipped and the group's own row applies again.
    expect(
      (await api().patch(`/api/v1/rule-tables/patron_limits/rules/${made.body.id}`, { enabled: false })).status,
    ).toBe(200);
    expect((await group("GRAD")).max_digitization_requests).toBe(5);
    expect((await placeAs.post("/api/v1/requests", { mms_id: title.mmsId, ...pages })).status).toBe(201);
    expect((await versions()).slice(0, 2).map((v: any) => v.action)).toEqual(["disabled", "reordered"]);
  });

  it("keeps the user-groups API in step: setting a limit there changes the group's row, versioned", async () => {
    const undergrad = await group("UNDERGRAD");
    const res = await api().patch(`/api/v1/user-groups/${undergrad.id}`, { max_digitization_requests: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      max_digitization_requests: 0,
      limit_description: "Cannot request digitization.",
      limit_rule: { name: "Limit for UNDERGRAD" },
    });
    const row = (await table()).rules.find((r: any) => r.name === "Limit for UNDERGRAD");
    expect(row.output).toEqual({ max_digitization_requests: 0 });
    const [latest] = await versions();
    expect(latest).toMatchObject({ rule_id: row.id, action: "updated", actor_user_id: adminUser.id });
    expect(latest.before.output).toEqual({ max_digitization_requests: 3 });
    expect(latest.after.output).toEqual({ max_digitization_requests: 0 });
  });

  it("moves a group's row first when an earlier rule would hide the value just set", async () => {
    const other = await makeInstitution(t.ctx);
    const otherAdmin = await admin(t.ctx, other);
    const otherApi = client(t.app, otherAdmin.apiKey);
    const before = (await otherApi.get("/api/v1/rule-tables/patron_limits")).body.rules.map((r: any) => r.id);
    const wide = await otherApi.post("/api/v1/rule-tables/patron_limits/rules", {
      name: "Everyone: two",
      conditions: [{ parameter: "user_group", operator: "is_not_empty" }],
      output: { max_digitization_requests: 2 },
    });
    await otherApi.put("/api/v1/rule-tables/patron_limits/order", { rule_ids: [wide.body.id, ...before] });
    const groups = (await otherApi.get("/api/v1/user-groups")).body.user_groups as any[];
    const staff = groups.find((g) => g.code === "STAFF");
    expect(staff.max_digitization_requests).toBe(2);
    const res = await otherApi.patch(`/api/v1/user-groups/${staff.id}`, { max_digitization_requests: 7 });
    expect(res.body).toMatchObject({ max_digitization_requests: 7, limit_rule: { name: "Limit for STAFF" } });
    const rules = (await otherApi.get("/api/v1/rule-tables/patron_limits")).body.rules;
    expect(rules[0].name).toBe("Limit for STAFF");
    expect(rules[1].id).toBe(wide.body.id);
    // The other groups still get the wide rule.
    const grad = ((await otherApi.get("/api/v1/user-groups")).body.user_groups as any[]).find((g) => g.code === "GRAD");
    expect(grad.max_digitization_requests).toBe(2);
  });

  it("renames and deletes a group's row with the group; the default applies to a group without a row", async () => {
    const made = await api().post("/api/v1/user-groups", {
      code: "VISITING",
      name: "Visiting",
      max_digitization_requests: 2,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ max_digitization_requests: 2, limit_rule: { name: "Limit for VISITING" } });
    const renamed = await api().patch(`/api/v1/user-groups/${made.body.id}`, { code: "VISITOR" });
    expect(renamed.body).toMatchObject({
      code: "VISITOR",
      max_digitization_requests: 2,
      limit_rule: { name: "Limit for VISITOR" },
    });
    const row = (await table()).rules.find((r: any) => r.name === "Limit for VISITOR");
    expect(row.conditions).toEqual([{ parameter: "user_group", operator: "equals", value: "VISITOR" }]);

    // Without its row, the group gets the table's default.
    expect((await api().delete(`/api/v1/rule-tables/patron_limits/rules/${row.id}`)).status).toBe(204);
    expect(
      (
        await api().put("/api/v1/rule-tables/patron_limits/default", {
          default_output: { max_digitization_requests: 4 },
        })
      ).status,
    ).toBe(200);
    expect((await api().get(`/api/v1/user-groups/${made.body.id}`)).body).toMatchObject({
      max_digitization_requests: 4,
      limit_rule: null,
    });
    const badDefault = await api().put("/api/v1/rule-tables/patron_limits/default", {
      default_output: { max_digitization_requests: "many" },
    });
    expect(badDefault.status).toBe(400);
    expect(badDefault.body.fields[0].field).toBe("default_output.max_digitization_requests");

    // Setting the limit again recreates the row.
    const again = await api().patch(`/api/v1/user-groups/${made.body.id}`, { max_digitization_requests: null });
    expect(again.body).toMatchObject({ max_digitization_requests: null, limit_rule: { name: "Limit for VISITOR" } });

    expect((await api().delete(`/api/v1/user-groups/${made.body.id}`)).status).toBe(204);
    expect((await table()).rules.some((r: any) => r.name === "Limit for VISITOR")).toBe(false);
    const [deleted] = await versions();
    expect(deleted).toMatchObject({ action: "deleted", before: { name: "Limit for VISITOR" }, after: null });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  admin,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { joinConsortiumCli } from "../cli/join-consortium.js";

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };
const quiet = { out: () => {}, err: () => {} };

/** DOMAIN 5.3 and 5.8: a consortium's shared user group, and its patron-limit row, locked in every member. */
describe("a consortium's shared user group", () => {
  let consortium: InstitutionFixture;
  let member: InstitutionFixture;
  let consortiumAdmin: UserFixture;
  let memberAdmin: UserFixture;
  let shared: { id: number };
  const memberApi = () => client(t.app, memberAdmin.apiKey);
  const consortiumApi = () => client(t.app, consortiumAdmin.apiKey);
  const memberGroup = async (code: string) =>
    ((await memberApi().get("/api/v1/user-groups")).body.user_groups as any[]).find((g) => g.code === code);
  const join = (inst: InstitutionFixture, args: string[]) =>
    joinConsortiumCli(t.ctx.db, ["--institution", inst.code, ...args], quiet);

  beforeAll(async () => {
    consortium = await makeInstitution(t.ctx);
    member = await makeInstitution(t.ctx);
    consortiumAdmin = await admin(t.ctx, consortium);
    memberAdmin = await admin(t.ctx, member);
    expect(await join(member, ["--consortium", consortium.code])).toBe(0);
    const made = await consortiumApi().post("/api/v1/user-groups", {
      code: "CONSORTIUM_VISITOR",
      name: "Visitor from a partner library",
      max_digitization_requests: 1,
      shared: true,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ shared: true, locked: false, consortium: null, max_digitization_requests: 1 });
    shared = made.body;
  });

  it("appears in every member, locked, with the consortium's limit row first in the member's table", async () => {
    expect(await memberGroup("CONSORTIUM_VISITOR")).toMatchObject({
      name: "Visitor from a partner library",
      shared: false,
      locked: true,
      consortium: consortium.code,
      max_digitization_requests: 1,
      limit_rule: { name: "Limit for CONSORTIUM_VISITOR" },
    });
    const table = (await memberApi().get("/api/v1/rule-tables/patron_limits")).body;
    expect(table.rules[0]).toMatchObject({
      name: "Limit for CONSORTIUM_VISITOR",
      locked: true,
      consortium: consortium.code,
      output: { max_digitization_requests: 1 },
    });
    // The consortium's other groups are its own business, even where a member has the same code.
    const consortiumGrad = ((await consortiumApi().get("/api/v1/user-groups")).body.user_groups as any[]).find(
      (g) => g.code === "GRAD",
    );
    await consortiumApi().patch(`/api/v1/user-groups/${consortiumGrad.id}`, { max_digitization_requests: 0 });
    expect(await memberGroup("GRAD")).toMatchObject({ locked: false, max_digitization_requests: 5 });
    expect(table.rules.filter((r: any) => r.consortium !== null)).toHaveLength(1);
  });

  it("refuses every change a member tries on the group or its limit (RULE_LOCKED), and changes nothing", async () => {
    const copy = await memberGroup("CONSORTIUM_VISITOR");
    for (const body of [{ max_digitization_requests: 9 }, { name: "Renamed" }, { code: "MINE" }]) {
      const res = await memberApi().patch(`/api/v1/user-groups/${copy.id}`, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("RULE_LOCKED");
      expect(res.body.message).toContain(`shared by consortium ${consortium.code}`);
    }
    const del = await memberApi().delete(`/api/v1/user-groups/${copy.id}`);
    expect(del.body.code).toBe("RULE_LOCKED");
    const row = (await memberApi().get("/api/v1/rule-tables/patron_limits")).body.rules[0];
    const patch = await memberApi().patch(`/api/v1/rule-tables/patron_limits/rules/${row.id}`, {
      output: { max_digitization_requests: 9 },
    });
    expect(patch.body.code).toBe("RULE_LOCKED");
    expect((await memberApi().delete(`/api/v1/rule-tables/patron_limits/rules/${row.id}`)).body.code).toBe(
      "RULE_LOCKED",
    );
    const own = await memberApi().post("/api/v1/rule-tables/patron_limits/rules", {
      name: "Visitors: more",
      conditions: [{ parameter: "user_group", operator: "in_list", value: ["GRAD", "CONSORTIUM_VISITOR"] }],
      output: { max_digitization_requests: 9 },
    });
    expect(own.status).toBe(400);
    expect(own.body.fields).toEqual([
      {
        field: "conditions.0.value",
        message:
          'rule "Visitors: more", condition 1: user group CONSORTIUM_VISITOR is shared by the consortium, which sets its limit',
      },
    ]);
    expect(await memberGroup("CONSORTIUM_VISITOR")).toMatchObject({
      name: "Visitor from a partner library",
      max_digitization_requests: 1,
    });
    const makeShared = await memberApi().post("/api/v1/user-groups", { code: "LOCAL", name: "Local", shared: true });
    expect(makeShared.status).toBe(400);
    expect(makeShared.body.fields[0].field).toBe("shared");
    expect(await memberGroup("LOCAL")).toBeUndefined();
  });

  it("limits the member's patrons in the group as the consortium says, and follows its changes", async () => {
    const patron = await makeUser(t.ctx, member);
    const copy = await memberGroup("CONSORTIUM_VISITOR");
    await t.ctx.db.updateTable("users").set({ user_group_id: copy.id }).where("id", "=", patron.id).execute();
    const title = await makeTitle(t.ctx, member);
    const api = client(t.app, patron.apiKey);
    expect((await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages })).status).toBe(201);
    const refused = await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "PATRON_LIMIT_REACHED", details: { limit: 1 } });
    const step = (await api.get(`/api/v1/explain?mms_id=${title.mmsId}`)).body.services[0].steps.find(
      (s: any) => s.check === "patron_limit",
    );
    expect(step.sentence).toBe(
      'Patron limits: rule "Limit for CONSORTIUM_VISITOR" gives user group CONSORTIUM_VISITOR a limit of 1 active digitization request; the patron has 1.',
    );

    expect(
      (
        await consortiumApi().patch(`/api/v1/user-groups/${shared.id}`, {
          max_digitization_requests: 2,
          name: "Partner visitor",
        })
      ).status,
    ).toBe(200);
    expect(await memberGroup("CONSORTIUM_VISITOR")).toMatchObject({
      name: "Partner visitor",
      max_digitization_requests: 2,
    });
    expect((await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages })).status).toBe(201);

    // The consortium cannot delete the group while a member's patrons are in it.
    const del = await consortiumApi().delete(`/api/v1/user-groups/${shared.id}`);
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({ code: "IN_USE", details: { member_users: 1 } });
    expect((await consortiumApi().get(`/api/v1/user-groups/${shared.id}`)).status).toBe(200);
  });

  it("reaches a new member on joining, taking over a group of the same code", async () => {
    const late = await makeInstitution(t.ctx);
    const lateAdmin = await admin(t.ctx, late);
    const lateApi = client(t.app, lateAdmin.apiKey);
    const before = await lateApi.post("/api/v1/user-groups", {
      code: "CONSORTIUM_VISITOR",
      name: "Ours",
      max_digitization_requests: 8,
    });
    expect(before.status).toBe(201);
    expect(await join(late, ["--consortium", consortium.code])).toBe(0);
    const got = (await lateApi.get(`/api/v1/user-groups/${before.body.id}`)).body;
    expect(got).toMatchObject({
      name: "Partner visitor",
      locked: true,
      consortium: consortium.code,
      max_digitization_requests: 2,
    });
    const groups = ((await lateApi.get("/api/v1/user-groups")).body.user_groups as any[]).filter(
      (g) => g.code === "CONSORTIUM_VISITOR",
    );
    expect(groups).toHaveLength(1);

    // Leaving: the group becomes the member's own again, and keeps its own row's limit.
    expect(await join(late, ["--leave"])).toBe(0);
    expect((await lateApi.get(`/api/v1/user-groups/${before.body.id}`)).body).toMatchObject({
      locked: false,
      consortium: null,
      max_digitization_requests: 8,
    });
    expect((await lateApi.patch(`/api/v1/user-groups/${before.body.id}`, { name: "Ours again" })).status).toBe(200);
  });

  it("lets a member that leaves keep the group with the consortium's limit as its own row", async () => {
    const leaving = await makeInstitution(t.ctx);
    const leavingAdmin = await admin(t.ctx, leaving);
    const api = client(t.app, leavingAdmin.apiKey);
    expect(await join(leaving, ["--consortium", consortium.code])).toBe(0);
    expect(await join(leaving, ["--leave"])).toBe(0);
    const group = ((await api.get("/api/v1/user-groups")).body.user_groups as any[]).find(
      (g) => g.code === "CONSORTIUM_VISITOR",
    );
    expect(group).toMatchObject({
      locked: false,
      max_digitization_requests: 2,
      limit_rule: { name: "Limit for CONSORTIUM_VISITOR" },
    });
    const row = (await api.get("/api/v1/rule-tables/patron_limits")).body.rules.find(
      (r: any) => r.name === "Limit for CONSORTIUM_VISITOR",
    );
    expect(row).toMatchObject({ locked: false, consortium: null });
  });

  it("stops sharing: members keep the group as their own, and a group with no users can be deleted", async () => {
    const made = await consortiumApi().post("/api/v1/user-groups", {
      code: "ALUMNI_NET",
      name: "Alumni",
      shared: true,
    });
    expect((await memberGroup("ALUMNI_NET"))?.locked).toBe(true);
    expect((await consortiumApi().patch(`/api/v1/user-groups/${made.body.id}`, { shared: false })).status).toBe(200);
    expect(await memberGroup("ALUMNI_NET")).toMatchObject({ locked: false, max_digitization_requests: null });

    const other = await consortiumApi().post("/api/v1/user-groups", { code: "SHORT_LIVED", name: "x", shared: true });
    expect((await memberGroup("SHORT_LIVED"))?.locked).toBe(true);
    expect((await consortiumApi().delete(`/api/v1/user-groups/${other.body.id}`)).status).toBe(204);
    expect(await memberGroup("SHORT_LIVED")).toBeUndefined();
  });
});

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

const t = useTestApp();

describe("the consortium level", () => {
  let consortium: InstitutionFixture;
  let member: InstitutionFixture;
  let consortiumAdmin: UserFixture;
  let memberAdmin: UserFixture;
  let sharedRuleId: number;
  const io = () => {
    const lines: string[] = [];
    return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
  };

  beforeAll(async () => {
    consortium = await makeInstitution(t.ctx);
    member = await makeInstitution(t.ctx);
    consortiumAdmin = await admin(t.ctx, consortium);
    memberAdmin = await admin(t.ctx, member);
    const out = io();
    expect(
      await joinConsortiumCli(t.ctx.db, ["--institution", member.code, "--consortium", consortium.code], out.io),
    ).toBe(0);
    expect(out.lines).toEqual([`${member.code} is now a member of ${consortium.code}.`]);
    sharedRuleId = (
      await client(t.app, consortiumAdmin.apiKey).post("/api/v1/rule-tables/display_logic/rules", {
        name: "Shared: no digitization for GRAD on the shelf",
        conditions: [
          { parameter: "user_group", operator: "equals", value: "GRAD" },
          { parameter: "item_available", operator: "equals", value: true },
        ],
        output: { hide: ["digitization"] },
      })
    ).body.id;
  });

  it("shows the consortium's rules first in every member, marked locked", async () => {
    const api = client(t.app, memberAdmin.apiKey);
    const own = await api.post("/api/v1/rule-tables/display_logic/rules", {
      name: "Local rule",
      conditions: [{ parameter: "user_group", operator: "equals", value: "STAFF" }],
      output: { hide: [] },
    });
    expect(own.status).toBe(201);
    const table = (await api.get("/api/v1/rule-tables/display_logic")).body;
    expect(table.rules.map((r: any) => [r.name, r.locked, r.consortium])).toEqual([
      ["Shared: no digitization for GRAD on the shelf", true, consortium.code],
      ["Local rule", false, null],
    ]);
    expect((await api.get(`/api/v1/rule-tables/display_logic/rules/${sharedRuleId}`)).body).toMatchObject({
      locked: true,
      consortium: consortium.code,
    });
  });

  it("refuses a member's change or deletion of a consortium rule with RULE_LOCKED", async () => {
    const api = client(t.app, memberAdmin.apiKey);
    const patch = await api.patch(`/api/v1/rule-tables/display_logic/rules/${sharedRuleId}`, { enabled: false });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe("RULE_LOCKED");
    const del = await api.delete(`/api/v1/rule-tables/display_logic/rules/${sharedRuleId}`);
    expect(del.body.code).toBe("RULE_LOCKED");
    const still = await client(t.app, consortiumAdmin.apiKey).get(
      `/api/v1/rule-tables/display_logic/rules/${sharedRuleId}`,
    );
    expect(still.body).toMatchObject({ enabled: true, locked: false, consortium: null });
  });

  it("applies the consortium's rules in the member, and follows their changes", async () => {
    const grad = await makeUser(t.ctx, member, { group: "GRAD" });
    const title = await makeTitle(t.ctx, member);
    const explain = async () =>
      (await client(t.app, grad.apiKey).get(`/api/v1/explain?mms_id=${title.mmsId}`)).body.services[0];
    const hidden = await explain();
    expect(hidden).toMatchObject({ offered: false });
    expect(hidden.reason).toContain('rule "Shared: no digitization for GRAD on the shelf" hides Digitization');
    await client(t.app, consortiumAdmin.apiKey).patch(`/api/v1/rule-tables/display_logic/rules/${sharedRuleId}`, {
      enabled: false,
    });
    expect((await explain()).offered).toBe(true);
    await client(t.app, consortiumAdmin.apiKey).patch(`/api/v1/rule-tables/display_logic/rules/${sharedRuleId}`, {
      enabled: true,
    });
    expect((await explain()).offered).toBe(false);
  });

  it("does not reach institutions outside the consortium, and membership has one level", async () => {
    const outsider = await makeInstitution(t.ctx);
    const outsiderAdmin = await admin(t.ctx, outsider);
    const rules = (await client(t.app, outsiderAdmin.apiKey).get("/api/v1/rule-tables/display_logic")).body.rules;
    expect(rules).toEqual([]);
    expect(
      (await client(t.app, outsiderAdmin.apiKey).get(`/api/v1/rule-tables/display_logic/rules/${sharedRuleId}`)).status,
    ).toBe(404);
    const nested = io();
    expect(
      await joinConsortiumCli(t.ctx.db, ["--institution", outsider.code, "--consortium", member.code], nested.io),
    ).toBe(2);
    expect(nested.lines[0]).toContain("is itself a member of a consortium");
    const unknown = io();
    expect(
      await joinConsortiumCli(t.ctx.db, ["--institution", "NOPE", "--consortium", consortium.code], unknown.io),
    ).toBe(2);
    expect(await joinConsortiumCli(t.ctx.db, ["--institution", outsider.code], io().io)).toBe(2);
    const leave = io();
    expect(await joinConsortiumCli(t.ctx.db, ["--institution", member.code, "--leave"], leave.io)).toBe(0);
    const after = (await client(t.app, memberAdmin.apiKey).get("/api/v1/rule-tables/display_logic")).body.rules;
    expect(after.map((r: any) => r.name)).toEqual(["Local rule"]);
    await joinConsortiumCli(t.ctx.db, ["--institution", member.code, "--consortium", consortium.code], io().io);
  });
});

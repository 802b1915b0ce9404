import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, setGroupLimit } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { checkOf, readyInstitution } from "../../test/readiness-fixture.js";
import { joinConsortium } from "../rules/tables/consortium.js";
import { DEFAULT_WORKFLOW } from "../rules/engine/workflow.js";

const t = useTestApp();

const codes = (problems: { subject: { code: string | null } }[]) => problems.map((p) => p.subject.code);

describe("readiness: the rule tables", () => {
  it("delivery_rules_cover_groups: every group allowed to request must receive files somewhere", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    await api.put("/api/v1/rule-tables/delivery/default", { default_output: { allowed: false } });
    const failing = await checkOf(scene, "delivery_rules_cover_groups");
    expect(failing.status).toBe("fail");
    expect(codes(failing.problems)).toEqual(["FACULTY", "GRAD", "STAFF", "UNDERGRAD"]);
    expect(failing.problems[0]).toMatchObject({
      kind: "group_not_covered",
      subject: { type: "user_group", id: String(inst.groups.FACULTY), code: "FACULTY" },
      fix: { page: "/staff/setup/rules/delivery", api: "POST /api/v1/rule-tables/delivery/rules" },
    });

    // a group with a limit of 0 may not request: it needs no delivery
    await setGroupLimit(t.ctx, inst, "UNDERGRAD", 0);
    expect(codes((await checkOf(scene, "delivery_rules_cover_groups")).problems)).toEqual(["FACULTY", "GRAD", "STAFF"]);

    // a rule for one library is enough: the groups receive files from there
    const rule = await api.post("/api/v1/rule-tables/delivery/rules", {
      name: "Law delivers",
      conditions: [
        { parameter: "user_group", operator: "in_list", value: ["GRAD", "FACULTY", "STAFF"] },
        { parameter: "library", operator: "equals", value: "LAW" },
      ],
      output: { allowed: true },
    });
    expect(rule.status).toBe(201);
    expect((await checkOf(scene, "delivery_rules_cover_groups")).status).toBe("pass");
  });

  it("delivery_rules_cover_groups: no group allowed to request (every limit 0) fails", async () => {
    const scene = await readyInstitution(t);
    const { inst } = scene;
    for (const g of ["UNDERGRAD", "GRAD", "FACULTY", "STAFF"]) await setGroupLimit(t.ctx, inst, g, 0);
    const failing = await checkOf(scene, "delivery_rules_cover_groups");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "no_group_may_request",
        fix: { page: "/staff/setup/rules/patron_limits", api: "POST /api/v1/rule-tables/patron_limits/rules" },
      }),
    ]);
    await setGroupLimit(t.ctx, inst, "GRAD", null);
    expect((await checkOf(scene, "delivery_rules_cover_groups")).status).toBe("pass");
  });

  it("default_digitization_rule: a missing or broken default output fails, with the default rule's screen", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    // the API never writes a broken default; a hand-edited database can
    await t.ctx.db
      .updateTable("rule_tables")
      .set({ default_output: "{}" })
      .where("institution_id", "=", inst.id)
      .where("kind", "=", "digitization")
      .execute();
    const failing = await checkOf(scene, "default_digitization_rule");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "no_default_rule",
        subject: { type: "rule", id: null, code: null, name: "Default Digitization Rule" },
        fix: {
          page: "/staff/setup/rules/digitization#default",
          api: "PUT /api/v1/rule-tables/digitization/default",
        },
      }),
    ]);
    const put = await api.put("/api/v1/rule-tables/digitization/default", { default_output: DEFAULT_WORKFLOW });
    expect(put.status).toBe(200);
    expect((await checkOf(scene, "default_digitization_rule")).status).toBe("pass");
  });

  it("approval_reasons_active: an enabled rule or the default naming an inactive reason fails, naming the rule", async () => {
    const scene = await readyInstitution(t);
    const { api } = scene;
    const automatic = { ...DEFAULT_WORKFLOW, approval_required: true, approval_mode: "automatic" };
    await api.put("/api/v1/rule-tables/digitization/default", {
      default_output: { ...automatic, approval_reason: "FAIR_USE" },
    });
    const rule = await api.post("/api/v1/rule-tables/digitization/rules", {
      name: "Old books are free",
      conditions: [{ parameter: "publication_year", operator: "less_than", value: 1900 }],
      output: { ...automatic, approval_reason: "PUBLIC_DOMAIN" },
    });
    expect(rule.status).toBe(201);
    const reasons = (await api.get("/api/v1/approval-reasons")).body.approval_reasons as { id: number; code: string }[];
    const idOf = (code: string) => reasons.find((r) => r.code === code)!.id;
    await api.patch(`/api/v1/approval-reasons/${idOf("PUBLIC_DOMAIN")}`, { active: false });
    await api.patch(`/api/v1/approval-reasons/${idOf("FAIR_USE")}`, { active: false });

    const failing = await checkOf(scene, "approval_reasons_active");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "inactive_reason",
        subject: { type: "rule", id: String(rule.body.id), code: null, name: "Old books are free" },
        detail: "PUBLIC_DOMAIN",
        fix: {
          page: `/staff/setup/rules/digitization#rule-${rule.body.id}`,
          api: `PATCH /api/v1/rule-tables/digitization/rules/${rule.body.id}`,
        },
      }),
      expect.objectContaining({
        kind: "inactive_reason",
        subject: expect.objectContaining({ id: null, name: "Default Digitization Rule" }),
        detail: "FAIR_USE",
      }),
    ]);
    await api.patch(`/api/v1/rule-tables/digitization/rules/${rule.body.id}`, { enabled: false });
    await api.patch(`/api/v1/approval-reasons/${idOf("FAIR_USE")}`, { active: true });
    expect((await checkOf(scene, "approval_reasons_active")).status).toBe("pass");
  });

  it("display_rules_show_digitization: rules that together hide digitization from every patron fail, each named", async () => {
    const scene = await readyInstitution(t);
    const { api } = scene;
    const hide = (name: string, available: boolean) =>
      api.post("/api/v1/rule-tables/display_logic/rules", {
        name,
        conditions: [{ parameter: "item_available", operator: "equals", value: available }],
        output: { hide: ["digitization"] },
      });
    const onShelf = await hide("Hide when on the shelf", true);
    expect(onShelf.status).toBe(201);
    // hidden only when on the shelf: patrons still see it for items out
    expect((await checkOf(scene, "display_rules_show_digitization")).status).toBe("pass");

    const away = await hide("Hide when away", false);
    const failing = await checkOf(scene, "display_rules_show_digitization");
    expect(failing.status).toBe("fail");
    expect(failing.problems.map((p) => [p.kind, p.subject.name, p.fix.page])).toEqual([
      ["hides_digitization", "Hide when on the shelf", `/staff/setup/rules/display_logic#rule-${onShelf.body.id}`],
      ["hides_digitization", "Hide when away", `/staff/setup/rules/display_logic#rule-${away.body.id}`],
    ]);
    await api.patch(`/api/v1/rule-tables/display_logic/rules/${away.body.id}`, { enabled: false });
    expect((await checkOf(scene, "display_rules_show_digitization")).status).toBe("pass");
  });

  it("display_rules_show_digitization: a default output hiding digitization fails, with the default's screen", async () => {
    const scene = await readyInstitution(t);
    const { api } = scene;
    await api.put("/api/v1/rule-tables/display_logic/default", { default_output: { hide: ["digitization"] } });
    const failing = await checkOf(scene, "display_rules_show_digitization");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        subject: expect.objectContaining({ type: "rule", id: null }),
        fix: {
          page: "/staff/setup/rules/display_logic#default",
          api: "PUT /api/v1/rule-tables/display_logic/default",
        },
      }),
    ]);
    await api.put("/api/v1/rule-tables/display_logic/default", { default_output: { hide: ["general_digitization"] } });
    expect((await checkOf(scene, "display_rules_show_digitization")).status).toBe("pass");
  });

  it("display_rules_show_digitization: a consortium's rule counts in its members, named as the consortium's", async () => {
    const scene = await readyInstitution(t);
    const consortium = await makeInstitution(t.ctx);
    await joinConsortium(t.ctx.db, scene.inst.code, consortium.code);
    expect((await checkOf(scene, "display_rules_show_digitization")).status).toBe("pass");
    const consortiumApi = client(t.app, (await admin(t.ctx, consortium)).apiKey);
    const shared = await consortiumApi.post("/api/v1/rule-tables/display_logic/rules", {
      name: "Consortium: no digitization",
      conditions: [],
      output: { hide: ["digitization", "general_digitization"] },
    });
    expect(shared.status).toBe(201);
    const failing = await checkOf(scene, "display_rules_show_digitization");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "hides_digitization",
        subject: expect.objectContaining({ id: String(shared.body.id), name: "Consortium: no digitization" }),
        detail: "consortium",
      }),
    ]);
    await consortiumApi.patch(`/api/v1/rule-tables/display_logic/rules/${shared.body.id}`, { enabled: false });
    expect((await checkOf(scene, "display_rules_show_digitization")).status).toBe("pass");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/api.js";
import {
  admin,
  makeInstitution,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { createInstitution } from "../../organisation/create-institution.js";
import { PREDEFINED_DIGITIZATION_RULES } from "./predefined-rules.js";

const t = useTestApp();

const gradsMayReceive = {
  name: "Grads and faculty",
  conditions: [{ parameter: "user_group", operator: "in_list", value: ["GRAD", "FACULTY"] }],
  output: { allowed: true },
};

describe("rule tables API", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  let fulfillmentAdmin: UserFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
    fulfillmentAdmin = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    patron = await makeUser(t.ctx, inst, { group: "GRAD" });
  });

  it("a new institution has the digitization table with the default rule and the twelve predefined rules, disabled", async () => {
    const res = await client(t.app, adminUser.apiKey).get("/api/v1/rule-tables/digitization");
    expect(res.status).toBe(200);
    expect(res.body.rules).toHaveLength(12);
    expect(res.body.rules.map((r: any) => r.name)).toEqual(PREDEFINED_DIGITIZATION_RULES.map((r) => r.name));
    expect(res.body.rules.every((r: any) => r.enabled === false && r.locked === false)).toBe(true);
    expect(res.body.default_output).toMatchObject({ target: "link", approval_required: false });
    expect(res.body.parameters.map((p: any) => p.name)).toContain("percentage_requested");
    const delivery = await client(t.app, adminUser.apiKey).get("/api/v1/rule-tables/delivery");
    expect(delivery.body).toMatchObject({ kind: "delivery", rules: [] });
    // createInstitution starts delivery at "no" (the test factory then opens it to everyone)
    const fresh = await createInstitution(t.ctx.db, { code: `FRESH_${inst.id}`, name: "Fresh" }, t.clock.now());
    const tables = await t.ctx.db
      .selectFrom("rule_tables")
      .select(["kind", "default_output"])
      .where("institution_id", "=", fresh.id)
      .orderBy("kind")
      .execute();
    expect(tables.map((r) => [r.kind, JSON.parse(r.default_output)])).toMatchObject([
      ["delivery", { allowed: false }],
      ["digitization", { target: "link" }],
      ["display_logic", { hide: [] }],
      ["patron_limits", { max_digitization_requests: null }],
    ]);
    const display = await client(t.app, adminUser.apiKey).get("/api/v1/rule-tables/display_logic");
    expect(display.body).toMatchObject({ rules: [], default_output: { hide: [] } });
  });

  it("creates, reads, changes, disables and deletes a rule, recording a version each time", async () => {
    const api = client(t.app, fulfillmentAdmin.apiKey);
    const created = await api.post("/api/v1/rule-tables/delivery/rules", gradsMayReceive);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...gradsMayReceive, enabled: true, locked: false, position: 1 });
    const id = created.body.id;
    expect((await api.get(`/api/v1/rule-tables/delivery/rules/${id}`)).body).toEqual(created.body);

    const changed = await api.patch(`/api/v1/rule-tables/delivery/rules/${id}`, { name: "Graduate students" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Graduate students", conditions: gradsMayReceive.conditions });
    const disabled = await api.patch(`/api/v1/rule-tables/delivery/rules/${id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);

    expect((await api.delete(`/api/v1/rule-tables/delivery/rules/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/rule-tables/delivery/rules/${id}`)).status).toBe(404);

    const versions = await api.get(`/api/v1/rule-tables/delivery/versions?rule_id=${id}`);
    expect(versions.body.versions.map((v: any) => v.action)).toEqual(["deleted", "disabled", "updated", "created"]);
    const [deleted, , updated, first] = versions.body.versions;
    expect(first).toMatchObject({
      actor_user_id: fulfillmentAdmin.id,
      actor_name: `Test ${fulfillmentAdmin.primaryId}`,
      before: null,
      after: { name: "Grads and faculty" },
    });
    expect(updated).toMatchObject({ before: { name: "Grads and faculty" }, after: { name: "Graduate students" } });
    expect(deleted).toMatchObject({ before: { name: "Graduate students", enabled: false }, after: null });
    expect(first.at).toBe(t.clock.now().toISOString());
  });

  it("refuses an invalid rule with an error naming the rule and the condition, and changes nothing", async () => {
    const api = client(t.app, adminUser.apiKey);
    const res = await api.post("/api/v1/rule-tables/delivery/rules", {
      name: "Alumni",
      conditions: [
        { parameter: "user_group", operator: "in_list", value: ["GRAD"] },
        { parameter: "user_group", operator: "greater_than", value: 3 },
        { parameter: "library", operator: "equals", value: "NOWHERE" },
      ],
      output: { allowed: "sometimes" },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: any) => f.field)).toEqual([
      "conditions.1.operator",
      "conditions.2.value",
      "output.allowed",
    ]);
    expect(res.body.fields[0].message).toContain('rule "Alumni", condition 2 (user_group greater_than)');
    expect(res.body.fields[1].message).toContain("NOWHERE is not a library code of this institution");
    expect(res.body.message).toContain('rule "Alumni"');
    const unknown = await api.post("/api/v1/rule-tables/delivery/rules", {
      name: "Colour",
      conditions: [{ parameter: "colour", operator: "equals", value: "red" }],
      output: { allowed: true },
    });
    expect(unknown.body.fields).toEqual([
      {
        field: "conditions.0.parameter",
        message: 'rule "Colour", condition 1 (colour equals): colour is not a parameter of this table',
      },
    ]);
    expect((await api.get("/api/v1/rule-tables/delivery")).body.rules).toEqual([]);
    expect(
      (await api.get("/api/v1/rule-tables/delivery/versions")).body.versions.filter(
        (v: any) => v.action === "created" && v.after.name !== "Grads and faculty",
      ),
    ).toEqual([]);
  });

  it("an invalid change leaves the rule as it was", async () => {
    const api = client(t.app, adminUser.apiKey);
    const rule = (
      await api.post("/api/v1/rule-tables/display_logic/rules", {
        name: "Hide from grads on shelf",
        conditions: [{ parameter: "user_group", operator: "equals", value: "GRAD" }],
        output: { hide: ["digitization"] },
      })
    ).body;
    const bad = await api.patch(`/api/v1/rule-tables/display_logic/rules/${rule.id}`, {
      conditions: [{ parameter: "item_available", operator: "equals", value: "yes" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({ field: "conditions.0.value" });
    expect((await api.get(`/api/v1/rule-tables/display_logic/rules/${rule.id}`)).body).toEqual(rule);
  });

  it("reorders rules; the list must name every rule once", async () => {
    const api = client(t.app, adminUser.apiKey);
    const table = (await api.get("/api/v1/rule-tables/digitization")).body;
    const ids: number[] = table.rules.map((r: any) => r.id);
    const reversed = [...ids].reverse();
    const res = await api.put("/api/v1/rule-tables/digitization/order", { rule_ids: reversed });
    expect(res.status).toBe(200);
    expect(res.body.rules.map((r: any) => r.id)).toEqual(reversed);
    expect(res.body.rules.map((r: any) => r.position)).toEqual(ids.map((_, i) => i + 1));
    const missing = await api.put("/api/v1/rule-tables/digitization/order", { rule_ids: reversed.slice(1) });
    expect(missing.status).toBe(400);
    expect(missing.body.fields[0].field).toBe("rule_ids");
    const twice = await api.put("/api/v1/rule-tables/digitization/order", { rule_ids: [ids[0], ...ids.slice(0, -1)] });
    expect(twice.status).toBe(400);
    const versions = (await api.get("/api/v1/rule-tables/digitization/versions")).body.versions;
    expect(versions[0]).toMatchObject({ action: "reordered", rule_id: null, before: ids, after: reversed });
  });

  it("changes the default output with validation and a version", async () => {
    const api = client(t.app, adminUser.apiKey);
    const bad = await api.put("/api/v1/rule-tables/delivery/default", { default_output: { allowed: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe("default_output.allowed");
    const ok = await api.put("/api/v1/rule-tables/delivery/default", { default_output: { allowed: false } });
    expect(ok.body).toEqual({ default_output: { allowed: false } });
    const versions = (await api.get("/api/v1/rule-tables/delivery/versions")).body.versions;
    expect(versions[0]).toMatchObject({
      action: "default_updated",
      actor_user_id: adminUser.id,
      before: { allowed: true },
      after: { allowed: false },
    });
    await api.put("/api/v1/rule-tables/delivery/default", { default_output: { allowed: true } });
  });

  it("refuses to change, delete or move a locked rule", async () => {
    const api = client(t.app, adminUser.apiKey);
    const table = await t.ctx.db
      .selectFrom("rule_tables")
      .select("id")
      .where("institution_id", "=", inst.id)
      .where("kind", "=", "display_logic")
      .executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    const locked = await t.ctx.db
      .insertInto("rules")
      .values({
        institution_id: inst.id,
        rule_table_id: table.id,
        position: 0,
        name: "Consortium rule",
        description: null,
        enabled: 1,
        locked: 1,
        conditions: "[]",
        output: JSON.stringify({ hide: [] }),
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const url = `/api/v1/rule-tables/display_logic/rules/${locked.id}`;
    const patch = await api.patch(url, { enabled: false });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe("RULE_LOCKED");
    expect(patch.body.message).toContain("Consortium rule");
    expect((await api.delete(url)).body.code).toBe("RULE_LOCKED");
    const rules = (await api.get("/api/v1/rule-tables/display_logic")).body.rules;
    expect(rules[0]).toMatchObject({ id: locked.id, locked: true });
    const moved = await api.put("/api/v1/rule-tables/display_logic/order", {
      rule_ids: rules.map((r: any) => r.id).reverse(),
    });
    expect(moved.body.code).toBe("RULE_LOCKED");
    expect((await api.get(url)).body).toMatchObject({ enabled: true, position: 0 });
  });

  it("lets staff read but only fulfillment administrators change; patrons and strangers are refused", async () => {
    const operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    expect((await client(t.app, operator.apiKey).get("/api/v1/rule-tables/delivery")).status).toBe(200);
    const write = await client(t.app, operator.apiKey).post("/api/v1/rule-tables/delivery/rules", gradsMayReceive);
    expect(write.status).toBe(403);
    expect((await client(t.app, patron.apiKey).get("/api/v1/rule-tables/delivery")).status).toBe(403);
    expect((await client(t.app).get("/api/v1/rule-tables/delivery")).status).toBe(401);
    expect((await client(t.app, adminUser.apiKey).get("/api/v1/rule-tables/nonsense")).status).toBe(400);
  });

  it("a rule of another institution is not found", async () => {
    const other = await makeInstitution(t.ctx);
    const otherAdmin = await admin(t.ctx, other);
    const theirs = (await client(t.app, otherAdmin.apiKey).get("/api/v1/rule-tables/digitization")).body.rules[0];
    const api = client(t.app, adminUser.apiKey);
    expect((await api.get(`/api/v1/rule-tables/digitization/rules/${theirs.id}`)).status).toBe(404);
    const res = await api.patch(`/api/v1/rule-tables/digitization/rules/${theirs.id}`, { enabled: true });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    expect((await api.delete(`/api/v1/rule-tables/digitization/rules/${theirs.id}`)).status).toBe(404);
  });
});

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

const t = useTestApp();

/** Terms of use and fulfillment units are versioned and audited like rules (DOMAIN 5). */
describe("the history of terms of use and fulfillment units", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  const api = () => client(t.app, adminUser.apiKey);
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
  });

  it("records who created, changed and deleted a terms of use, with before and after, deleted ones included", async () => {
    const created = await api().post("/api/v1/terms-of-use", {
      code: "FEE",
      name: "For a fee",
      is_digitizable: true,
      digitization_fee: { amount: "5.00", currency: "USD" },
    });
    const id = created.body.id;
    await api().patch(`/api/v1/terms-of-use/${id}`, { max_pages_per_request: 40 });
    // A change that changes nothing writes no version.
    await api().patch(`/api/v1/terms-of-use/${id}`, { max_pages_per_request: 40 });
    const one = (await api().get(`/api/v1/terms-of-use/${id}/versions`)).body.versions;
    expect(one.map((v: any) => v.action)).toEqual(["updated", "created"]);
    expect(one[1]).toMatchObject({
      record_id: id,
      actor_user_id: adminUser.id,
      before: null,
      after: { code: "FEE", name: "For a fee", fee_amount: "5.00", fee_currency: "USD", max_pages_per_request: null },
    });
    expect(one[0].before).toMatchObject({ max_pages_per_request: null });
    expect(one[0].after).toMatchObject({ max_pages_per_request: 40 });

    expect((await api().delete(`/api/v1/terms-of-use/${id}`)).status).toBe(204);
    expect((await api().get(`/api/v1/terms-of-use/${id}/versions`)).status).toBe(404);
    const all = (await api().get("/api/v1/terms-of-use/versions")).body.versions;
    expect(all[0]).toMatchObject({ record_id: id, action: "deleted", after: null, before: { code: "FEE" } });
  });

  it("writes no version for a refused change", async () => {
    await api().post("/api/v1/terms-of-use", { code: "KEEP", name: "Keep", is_digitizable: true });
    const before = (await api().get("/api/v1/terms-of-use/versions")).body.versions.length;
    const other = await api().post("/api/v1/terms-of-use", { code: "OTHER", name: "Other", is_digitizable: false });
    const count = (await api().get("/api/v1/terms-of-use/versions")).body.versions.length;
    expect(count).toBe(before + 1);
    const dup = await api().patch(`/api/v1/terms-of-use/${other.body.id}`, { code: "KEEP" });
    expect(dup.body.code).toBe("DUPLICATE");
    const bad = await api().patch(`/api/v1/terms-of-use/${other.body.id}`, { max_pages_per_request: 0 });
    expect(bad.status).toBe(400);
    expect((await api().get("/api/v1/terms-of-use/versions")).body.versions).toHaveLength(count);
  });

  it("records a fulfillment unit's creation, its locations changing, and its deletion", async () => {
    await api().post("/api/v1/terms-of-use", { code: "DIGI", name: "Digitizable", is_digitizable: true });
    const unit = await api().post("/api/v1/fulfillment-units", {
      code: "STACKS_UNIT",
      name: "Stacks",
      location_ids: [inst.locations.mainStacks],
      default_terms_of_use: "DIGI",
    });
    expect(unit.status).toBe(201);
    await api().patch(`/api/v1/fulfillment-units/${unit.body.id}`, {
      location_ids: [inst.locations.mainStacks, inst.locations.lawStacks],
    });
    const history = (await api().get(`/api/v1/fulfillment-units/${unit.body.id}/versions`)).body.versions;
    expect(history.map((v: any) => [v.action, v.after?.locations])).toEqual([
      ["updated", ["LAW/STACKS", "MAIN/STACKS"].sort()],
      ["created", ["MAIN/STACKS"]],
    ]);
    expect(history[1].after).toMatchObject({ code: "STACKS_UNIT", default_terms_of_use: "DIGI" });
    expect((await api().delete(`/api/v1/fulfillment-units/${unit.body.id}`)).status).toBe(204);
    const all = (await api().get("/api/v1/fulfillment-units/versions")).body.versions;
    expect(all[0]).toMatchObject({ record_id: unit.body.id, action: "deleted", before: { code: "STACKS_UNIT" } });
  });

  it("records approval reasons' changes, but not a refused deletion", async () => {
    const made = await api().post("/api/v1/approval-reasons", { code: "LIBRARY_OWNS", label: "Library owns rights" });
    expect(made.status).toBe(201);
    await api().patch(`/api/v1/approval-reasons/${made.body.id}`, { active: false });
    const seeded = (await api().get("/api/v1/approval-reasons")).body.approval_reasons.find(
      (r: any) => r.code === "PUBLIC_DOMAIN",
    );
    // The predefined public-domain rule names it: the deletion is refused and leaves no version.
    expect((await api().delete(`/api/v1/approval-reasons/${seeded.id}`)).status).toBe(409);
    expect((await api().get(`/api/v1/approval-reasons/${seeded.id}/versions`)).body.versions).toEqual([]);
    expect((await api().delete(`/api/v1/approval-reasons/${made.body.id}`)).status).toBe(204);
    const history = (await api().get("/api/v1/approval-reasons/versions")).body.versions;
    expect(history.map((v: any) => [v.record_id, v.action])).toEqual([
      [made.body.id, "deleted"],
      [made.body.id, "updated"],
      [made.body.id, "created"],
    ]);
    expect(history[1]).toMatchObject({ before: { active: true }, after: { active: false, code: "LIBRARY_OWNS" } });
  });

  it("shows the history to staff only, and never another institution's", async () => {
    const patron = await makeUser(t.ctx, inst);
    expect((await client(t.app, patron.apiKey).get("/api/v1/terms-of-use/versions")).status).toBe(403);
    const mine = await api().post("/api/v1/terms-of-use", { code: "MINE", name: "Mine", is_digitizable: true });
    const other = await makeInstitution(t.ctx);
    const otherAdmin = await admin(t.ctx, other);
    const theirs = client(t.app, otherAdmin.apiKey);
    expect((await theirs.get(`/api/v1/terms-of-use/${mine.body.id}/versions`)).status).toBe(404);
    expect((await theirs.get("/api/v1/terms-of-use/versions")).body.versions).toEqual([]);
  });
});

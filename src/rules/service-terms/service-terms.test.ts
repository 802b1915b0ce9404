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

describe("terms of use and fulfillment units", () => {
  let inst: InstitutionFixture;
  let adminUser: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminUser = await admin(t.ctx, inst);
  });

  it("manages terms of use: create, read, change, list, delete; codes are unique", async () => {
    const api = client(t.app, adminUser.apiKey);
    const created = await api.post("/api/v1/terms-of-use", {
      code: "DIGI_FEE",
      name: "Digitizable for a fee",
      is_digitizable: true,
      digitization_fee: { amount: "5.00", currency: "USD" },
      max_pages_per_request: 50,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "DIGI_FEE",
      is_digitizable: true,
      digitization_fee: { amount: "5.00", currency: "USD" },
      max_pages_per_request: 50,
    });
    const id = created.body.id;
    const dup = await api.post("/api/v1/terms-of-use", { code: "DIGI_FEE", name: "x", is_digitizable: false });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("DUPLICATE");
    const changed = await api.patch(`/api/v1/terms-of-use/${id}`, {
      digitization_fee: null,
      max_pages_per_request: null,
    });
    expect(changed.body).toMatchObject({ digitization_fee: null, max_pages_per_request: null, is_digitizable: true });
    expect((await api.get(`/api/v1/terms-of-use/${id}`)).body).toEqual(changed.body);
    expect((await api.get("/api/v1/terms-of-use")).body.terms_of_use.map((x: any) => x.code)).toEqual(["DIGI_FEE"]);
    expect((await api.delete(`/api/v1/terms-of-use/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/terms-of-use/${id}`)).status).toBe(404);
  });

  it("refuses bad terms of use with the fields named", async () => {
    const api = client(t.app, adminUser.apiKey);
    const res = await api.post("/api/v1/terms-of-use", {
      code: "BAD CODE",
      name: "",
      is_digitizable: "yes",
      digitization_fee: { amount: "five", currency: "usd" },
      max_pages_per_request: 0,
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: any) => f.field).sort()).toEqual([
      "code",
      "digitization_fee.amount",
      "digitization_fee.currency",
      "is_digitizable",
      "max_pages_per_request",
      "name",
    ]);
  });

  it("says whether items may be requested as a hold: requestable unless told otherwise, changeable", async () => {
    const api = client(t.app, adminUser.apiKey);
    const plain = await api.post("/api/v1/terms-of-use", { code: "HOLDS", name: "Holds", is_digitizable: true });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ code: "HOLDS", is_requestable: true });
    const none = await api.post("/api/v1/terms-of-use", {
      code: "NO_HOLDS",
      name: "Reading room only",
      is_digitizable: true,
      is_requestable: false,
    });
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ is_requestable: false, is_digitizable: true });
    const changed = await api.patch(`/api/v1/terms-of-use/${none.body.id}`, { is_requestable: true });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ is_requestable: true, is_digitizable: true, name: "Reading room only" });
    // a change that does not name it leaves it
    await api.patch(`/api/v1/terms-of-use/${plain.body.id}`, { is_requestable: false });
    const renamed = await api.patch(`/api/v1/terms-of-use/${plain.body.id}`, { name: "No holds after all" });
    expect(renamed.body.is_requestable).toBe(false);
    const listed = (await api.get("/api/v1/terms-of-use")).body.terms_of_use;
    expect(listed.map((x: any) => [x.code, x.is_requestable])).toEqual([
      ["HOLDS", false],
      ["NO_HOLDS", true],
    ]);

    for (const bad of ["no", 0, null]) {
      const res = await api.post("/api/v1/terms-of-use", {
        code: "BAD",
        name: "Bad",
        is_digitizable: true,
        is_requestable: bad,
      });
      expect(res.status, String(bad)).toBe(400);
      expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "is_requestable" }] });
      const patched = await api.patch(`/api/v1/terms-of-use/${plain.body.id}`, { is_requestable: bad });
      expect(patched.status, String(bad)).toBe(400);
      expect(patched.body.fields).toEqual([{ field: "is_requestable", message: expect.any(String) }]);
    }
    expect((await api.get("/api/v1/terms-of-use")).body.terms_of_use).toHaveLength(2);
    for (const id of [plain.body.id, none.body.id])
      expect((await api.delete(`/api/v1/terms-of-use/${id}`)).status).toBe(204);
  });

  it("creates a fulfillment unit whose Request rules map conditions to a terms of use", async () => {
    const api = client(t.app, adminUser.apiKey);
    await api.post("/api/v1/terms-of-use", { code: "NO_DIGI", name: "Not digitizable", is_digitizable: false });
    await api.post("/api/v1/terms-of-use", { code: "DIGI", name: "Digitizable", is_digitizable: true });
    const unit = await api.post("/api/v1/fulfillment-units", {
      code: "LAW_FU",
      name: "Law collections",
      location_ids: [inst.locations.lawStacks],
      default_terms_of_use: "NO_DIGI",
    });
    expect(unit.status).toBe(201);
    expect(unit.body).toMatchObject({
      code: "LAW_FU",
      locations: [{ id: inst.locations.lawStacks, code: "STACKS", library_code: "LAW" }],
      default_terms_of_use: "NO_DIGI",
      rule_table: "fulfillment_unit.LAW_FU",
    });
    const table = await api.get("/api/v1/rule-tables/fulfillment_unit.LAW_FU");
    expect(table.body).toMatchObject({
      kind: "fulfillment_unit",
      default_output: { terms_of_use: "NO_DIGI" },
      rules: [],
    });
    const rule = await api.post("/api/v1/rule-tables/fulfillment_unit.LAW_FU/rules", {
      name: "Faculty may have law copies",
      conditions: [{ parameter: "user_group", operator: "equals", value: "FACULTY" }],
      output: { terms_of_use: "DIGI" },
    });
    expect(rule.status).toBe(201);
    const unknownTerms = await api.post("/api/v1/rule-tables/fulfillment_unit.LAW_FU/rules", {
      name: "Typo",
      conditions: [],
      output: { terms_of_use: "DIGII" },
    });
    expect(unknownTerms.status).toBe(400);
    expect(unknownTerms.body.fields).toEqual([
      { field: "output.terms_of_use", message: 'rule "Typo", output: DIGII is not a terms of use of this institution' },
    ]);
    const badDefault = await api.put("/api/v1/rule-tables/fulfillment_unit.LAW_FU/default", {
      default_output: { terms_of_use: "NOPE" },
    });
    expect(badDefault.body.fields[0].field).toBe("default_output.terms_of_use");

    // a terms of use that rules use cannot be deleted
    const terms = (await api.get("/api/v1/terms-of-use")).body.terms_of_use;
    const digi = terms.find((x: any) => x.code === "DIGI");
    const del = await api.delete(`/api/v1/terms-of-use/${digi.id}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe("IN_USE");
    const rename = await api.patch(`/api/v1/terms-of-use/${digi.id}`, { code: "DIGI2" });
    expect(rename.body.code).toBe("IN_USE");
  });

  it("keeps a location in one unit and refuses other institutions' locations", async () => {
    const api = client(t.app, adminUser.apiKey);
    await api.post("/api/v1/terms-of-use", { code: "T1", name: "T1", is_digitizable: true });
    const first = await api.post("/api/v1/fulfillment-units", {
      code: "MAIN_FU",
      name: "Main",
      location_ids: [inst.locations.mainStacks],
      default_terms_of_use: "T1",
    });
    expect(first.status).toBe(201);
    const other = await makeInstitution(t.ctx);
    const res = await api.post("/api/v1/fulfillment-units", {
      code: "MAIN_FU2",
      name: "Main again",
      location_ids: [inst.locations.mainStacks, other.locations.mainStacks],
      default_terms_of_use: "NOPE",
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: "location_ids.0",
        message: `location ${inst.locations.mainStacks} already belongs to fulfillment unit MAIN_FU`,
      },
      { field: "location_ids.1", message: `${other.locations.mainStacks} is not a location of this institution` },
    ]);
    const renamed = await api.patch(`/api/v1/fulfillment-units/${first.body.id}`, {
      name: "Main stacks",
      location_ids: [],
    });
    expect(renamed.body).toMatchObject({ name: "Main stacks", locations: [] });
    expect((await api.delete(`/api/v1/fulfillment-units/${first.body.id}`)).status).toBe(204);
    expect((await api.get("/api/v1/rule-tables/fulfillment_unit.MAIN_FU")).status).toBe(404);
  });

  it("refuses changes from non-administrators and hides other institutions' units", async () => {
    const patron = await makeUser(t.ctx, inst, { group: "GRAD" });
    expect((await client(t.app, patron.apiKey).get("/api/v1/terms-of-use")).status).toBe(403);
    const operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const write = await client(t.app, operator.apiKey).post("/api/v1/terms-of-use", {
      code: "X",
      name: "X",
      is_digitizable: true,
    });
    expect(write.status).toBe(403);
    const other = await makeInstitution(t.ctx);
    const otherAdmin = await admin(t.ctx, other);
    const oapi = client(t.app, otherAdmin.apiKey);
    await oapi.post("/api/v1/terms-of-use", { code: "OT", name: "OT", is_digitizable: true });
    const unit = await oapi.post("/api/v1/fulfillment-units", {
      code: "OTHER_FU",
      name: "Other",
      location_ids: [],
      default_terms_of_use: "OT",
    });
    const api = client(t.app, adminUser.apiKey);
    expect((await api.get(`/api/v1/fulfillment-units/${unit.body.id}`)).status).toBe(404);
    expect((await api.get("/api/v1/rule-tables/fulfillment_unit.OTHER_FU")).status).toBe(404);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, setDefaultWorkflow, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { insertRequestAt } from "../../test/request-fixture.js";

const t = useTestApp();

const codes = (body: { departments: { code: string }[] }) => body.departments.map((d) => d.code);
const fieldsOf = (body: { fields: { field: string }[] }) => body.fields.map((f) => f.field).sort();

describe("digitization departments API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let fulfillmentAdminKey: string;
  let letterAdminKey: string;
  let patron: { id: number; apiKey: string };
  const institutionLevel = (over: Record<string, unknown> = {}) => ({
    code: "SCI_DIGI",
    name: "Science digitization",
    work_time_days: 10,
    owner_level: "institution",
    served_libraries: [inst.libraries.main],
    ...over,
  });
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    fulfillmentAdminKey = (
      await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] })
    ).apiKey;
    letterAdminKey = (await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "LETTER_ADMINISTRATOR" }] }))
      .apiKey;
    patron = await makeUser(t.ctx, inst);
  });

  it("gives every new institution DIGI_DEPT_INST, serving the whole institution", async () => {
    const res = await client(t.app, adminKey).get(`/api/v1/departments/${inst.departments.inst}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: "DIGI_DEPT_INST",
      name: "Digitization Department For Institution",
      owner_level: "institution",
      owner_library_id: null,
      default_printer: null,
      map_url: null,
      contact_info: { addresses: [], phones: [], emails: [] },
      operators: [],
    });
    expect(res.body.served_libraries.all).toBe(true);
    expect(res.body.served_libraries.libraries.map((l: { code: string }) => l.code).sort()).toEqual(["LAW", "MAIN"]);
  });

  it("lets DIGI_DEPT_INST be edited like any other department", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    await api.post("/api/v1/printers", { code: "P1", name: "Printer", email: "p1@example.edu" });
    const res = await api.patch(`/api/v1/departments/${own.departments.inst}`, {
      name: "Central scanning",
      description: "Ground floor",
      work_time_days: 21,
      map_url: "https://maps.example.edu/scanning",
      default_printer: "P1",
      served_libraries: [own.libraries.law],
      contact_info: {
        addresses: [{ line1: "1 Library Walk", city: "Springfield" }],
        phones: ["+1 555 0100"],
        emails: ["scan@example.edu"],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: "DIGI_DEPT_INST",
      name: "Central scanning",
      description: "Ground floor",
      work_time_days: 21,
      map_url: "https://maps.example.edu/scanning",
      default_printer: "P1",
      served_libraries: { all: false, libraries: [{ id: own.libraries.law, code: "LAW" }] },
      contact_info: {
        addresses: [{ line1: "1 Library Walk", line2: null, city: "Springfield", postal_code: null, country: null }],
        phones: ["+1 555 0100"],
        emails: ["scan@example.edu"],
      },
    });
    const again = await api.get(`/api/v1/departments/${own.departments.inst}`);
    expect(again.body).toEqual(res.body);
  });

  it("creates an institution-level department serving chosen libraries", async () => {
    const res = await client(t.app, fulfillmentAdminKey).post("/api/v1/departments", institutionLevel());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: "SCI_DIGI",
      work_time_days: 10,
      owner_level: "institution",
      owner_library_id: null,
      served_libraries: { all: false, libraries: [{ id: inst.libraries.main, code: "MAIN", name: "MAIN Library" }] },
      contact_info: { addresses: [], phones: [], emails: [] },
      operators: [],
    });
  });

  it("creates a library-level department that serves exactly its own library", async () => {
    const api = client(t.app, adminKey);
    const res = await api.post("/api/v1/departments", {
      code: "LAW_DIGI",
      name: "Law digitization",
      work_time_days: 5,
      owner_level: "library",
      owner_library_id: inst.libraries.law,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      owner_level: "library",
      owner_library_id: inst.libraries.law,
      served_libraries: { all: false, libraries: [{ id: inst.libraries.law }] },
    });
    const same = await api.post("/api/v1/departments", {
      code: "LAW_DIGI_2",
      name: "Law again",
      work_time_days: 5,
      owner_level: "library",
      owner_library_id: inst.libraries.law,
      served_libraries: [inst.libraries.law],
    });
    expect(same.status).toBe(201);
  });

  it("refuses a library-level department without its library, or serving others", async () => {
    const api = client(t.app, adminKey);
    const missing = await api.post("/api/v1/departments", {
      code: "NO_LIB",
      name: "x",
      work_time_days: 5,
      owner_level: "library",
    });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(["owner_library_id"]);
    const others = await api.post("/api/v1/departments", {
      code: "WIDE_LIB",
      name: "x",
      work_time_days: 5,
      owner_level: "library",
      owner_library_id: inst.libraries.law,
      served_libraries: [inst.libraries.law, inst.libraries.main],
    });
    expect(others.status).toBe(400);
    expect(fieldsOf(others.body)).toEqual(["served_libraries"]);
    const all = await api.post("/api/v1/departments", {
      code: "ALL_LIB",
      name: "x",
      work_time_days: 5,
      owner_level: "library",
      owner_library_id: inst.libraries.law,
      served_libraries: { all: true },
    });
    expect(all.status).toBe(400);
    expect(fieldsOf(all.body)).toEqual(["served_libraries"]);
  });

  it("refuses an owner library on an institution-level department, and a missing served list", async () => {
    const res = await client(t.app, adminKey).post(
      "/api/v1/departments",
      institutionLevel({ code: "MIXED", owner_library_id: inst.libraries.main, served_libraries: undefined }),
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["owner_library_id", "served_libraries"]);
  });

  it("names the index of unknown or repeated served libraries, including another institution's, and writes nothing", async () => {
    const other = await makeInstitution(t.ctx);
    const api = client(t.app, adminKey);
    const res = await api.post(
      "/api/v1/departments",
      institutionLevel({
        code: "BAD_LIST",
        served_libraries: [inst.libraries.main, other.libraries.main, inst.libraries.main, 99999999],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(fieldsOf(res.body)).toEqual(["served_libraries.1", "served_libraries.2", "served_libraries.3"]);
    expect(codes((await api.get("/api/v1/departments")).body)).not.toContain("BAD_LIST");
  });

  it("refuses an owner library of another institution", async () => {
    const other = await makeInstitution(t.ctx);
    const res = await client(t.app, adminKey).post("/api/v1/departments", {
      code: "FOREIGN",
      name: "x",
      work_time_days: 5,
      owner_level: "library",
      owner_library_id: other.libraries.main,
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["owner_library_id"]);
  });

  it("validates the map URL, work time, contact emails and served-libraries shape", async () => {
    const api = client(t.app, adminKey);
    const res = await api.post(
      "/api/v1/departments",
      institutionLevel({
        code: "SHAPES",
        map_url: "ftp://maps.example.edu/x",
        work_time_days: 0,
        contact_info: { emails: ["ok@example.edu", "nope"] },
      }),
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["contact_info.emails.1", "map_url", "work_time_days"]);
    const script = await api.post(
      "/api/v1/departments",
      institutionLevel({ code: "JS", map_url: "javascript:alert(1)" }),
    );
    expect(fieldsOf(script.body)).toEqual(["map_url"]);
    const shape = await api.post("/api/v1/departments", institutionLevel({ code: "SHAPE2", served_libraries: [] }));
    expect(shape.status).toBe(400);
    expect(fieldsOf(shape.body)).toEqual(["served_libraries"]);
  });

  it("refuses a default printer that is not one of the institution's", async () => {
    const other = await makeInstitution(t.ctx);
    await client(t.app, (await admin(t.ctx, other)).apiKey).post("/api/v1/printers", { code: "THEIRS", name: "x" });
    const res = await client(t.app, adminKey).post(
      "/api/v1/departments",
      institutionLevel({ code: "PRINTS", default_printer: "THEIRS" }),
    );
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: "default_printer", message: expect.stringMatching(/THEIRS/) }]);
  });

  it("refuses a duplicate code", async () => {
    const res = await client(t.app, adminKey).post("/api/v1/departments", institutionLevel({ code: "DIGI_DEPT_INST" }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "code" }] });
  });

  it("moves a department between levels only with the new level's ownership fields", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    const dept = (
      await api.post("/api/v1/departments", {
        code: "MOVER",
        name: "Mover",
        work_time_days: 3,
        owner_level: "institution",
        served_libraries: [own.libraries.main],
      })
    ).body;
    const noLibrary = await api.patch(`/api/v1/departments/${dept.id}`, { owner_level: "library" });
    expect(noLibrary.status).toBe(400);
    expect(fieldsOf(noLibrary.body)).toEqual(["owner_library_id"]);
    const toLibrary = await api.patch(`/api/v1/departments/${dept.id}`, {
      owner_level: "library",
      owner_library_id: own.libraries.law,
    });
    expect(toLibrary.body).toMatchObject({
      owner_level: "library",
      owner_library_id: own.libraries.law,
      served_libraries: { all: false, libraries: [{ id: own.libraries.law }] },
    });
    const noList = await api.patch(`/api/v1/departments/${dept.id}`, { owner_level: "institution" });
    expect(noList.status).toBe(400);
    expect(fieldsOf(noList.body)).toEqual(["served_libraries"]);
    const toInstitution = await api.patch(`/api/v1/departments/${dept.id}`, {
      owner_level: "institution",
      served_libraries: { all: true },
    });
    expect(toInstitution.body).toMatchObject({ owner_level: "institution", owner_library_id: null });
    expect(toInstitution.body.served_libraries).toMatchObject({ all: true });
    expect(toInstitution.body.served_libraries.libraries).toHaveLength(2);
  });

  it("lists a library's own departments and the institution-level ones serving it", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    const make = (body: Record<string, unknown>) =>
      api.post("/api/v1/departments", { name: "x", work_time_days: 5, ...body });
    await make({ code: "MAIN_OWN", owner_level: "library", owner_library_id: own.libraries.main });
    await make({ code: "LAW_OWN", owner_level: "library", owner_library_id: own.libraries.law });
    await make({ code: "FOR_MAIN", owner_level: "institution", served_libraries: [own.libraries.main] });
    await make({ code: "FOR_LAW", owner_level: "institution", served_libraries: [own.libraries.law] });
    const main = await api.get(`/api/v1/departments?library_id=${own.libraries.main}`);
    expect(main.status).toBe(200);
    expect(codes(main.body)).toEqual(["DIGI_DEPT_INST", "FOR_MAIN", "MAIN_OWN"]);
    const law = await api.get(`/api/v1/departments?library_id=${own.libraries.law}`);
    expect(codes(law.body)).toEqual(["DIGI_DEPT_INST", "FOR_LAW", "LAW_OWN"]);
    expect(codes((await api.get("/api/v1/departments")).body)).toEqual([
      "DIGI_DEPT_INST",
      "FOR_LAW",
      "FOR_MAIN",
      "LAW_OWN",
      "MAIN_OWN",
    ]);
    const foreign = await api.get(`/api/v1/departments?library_id=${inst.libraries.main}`);
    expect(foreign.status).toBe(404);
  });

  it("deletes an unused department and refuses one that requests or rules reference (IN_USE)", async () => {
    const own = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, own)).apiKey);
    const user = await makeUser(t.ctx, own);
    const busy = (
      await api.post("/api/v1/departments", institutionLevel({ code: "BUSY", served_libraries: { all: true } }))
    ).body;
    await insertRequestAt(t.ctx, own, user.id, { departmentId: busy.id });
    const refused = await api.delete(`/api/v1/departments/${busy.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: "IN_USE", details: { used_by: ["requests"] } });
    await setDefaultWorkflow(t.ctx, own, { target_destination: "DIGI_DEPT_INST" });
    const targeted = await api.delete(`/api/v1/departments/${own.departments.inst}`);
    expect(targeted.status).toBe(409);
    expect(targeted.body.details.used_by).toEqual(["the default digitization rule"]);
    const idle = (
      await api.post("/api/v1/departments", institutionLevel({ code: "IDLE", served_libraries: [own.libraries.law] }))
    ).body;
    expect((await api.delete(`/api/v1/departments/${idle.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/departments/${idle.id}`)).status).toBe(404);
  });

  it("lets a Letter Administrator read departments but not change them, and refuses patrons", async () => {
    const letters = client(t.app, letterAdminKey);
    expect((await letters.get("/api/v1/departments")).status).toBe(200);
    const post = await letters.post("/api/v1/departments", institutionLevel({ code: "LETTERS" }));
    expect(post.status).toBe(403);
    expect(post.body.code).toBe("FORBIDDEN");
    expect((await letters.patch(`/api/v1/departments/${inst.departments.inst}`, { name: "x" })).status).toBe(403);
    expect((await letters.delete(`/api/v1/departments/${inst.departments.inst}`)).status).toBe(403);
    const patronApi = client(t.app, patron.apiKey);
    expect((await patronApi.get("/api/v1/departments")).status).toBe(403);
    expect((await patronApi.get(`/api/v1/departments/${inst.departments.inst}`)).status).toBe(403);
    expect((await patronApi.post("/api/v1/departments", institutionLevel({ code: "PATRON" }))).status).toBe(403);
  });

  it("answers 404 for another institution's department", async () => {
    const other = await makeInstitution(t.ctx);
    const api = client(t.app, adminKey);
    const id = other.departments.inst;
    expect((await api.get(`/api/v1/departments/${id}`)).status).toBe(404);
    expect((await api.patch(`/api/v1/departments/${id}`, { name: "mine" })).status).toBe(404);
    const del = await api.delete(`/api/v1/departments/${id}`);
    expect(del.status).toBe(404);
    expect(del.body.code).toBe("NOT_FOUND");
    const ours = (await api.get("/api/v1/departments")).body.departments.map((d: { id: number }) => d.id);
    expect(ours).not.toContain(id);
  });
});

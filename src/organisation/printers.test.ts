import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("printers API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let fulfillmentAdminKey: string;
  let patronKey: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    fulfillmentAdminKey = (
      await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] })
    ).apiKey;
    patronKey = (await makeUser(t.ctx, inst)).apiKey;
  });

  it("creates an email printer, switches it to the queue, and deletes it", async () => {
    const api = client(t.app, adminKey);
    const created = await api.post("/api/v1/printers", {
      code: "SCAN_ROOM",
      name: "Scan room printer",
      description: "Second floor",
      email: "print-scan@example.edu",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "SCAN_ROOM",
      description: "Second floor",
      email: "print-scan@example.edu",
      print_method: "email",
    });
    const id = created.body.id;
    const queued = await api.patch(`/api/v1/printers/${id}`, { email: null });
    expect(queued.body).toMatchObject({ email: null, print_method: "queue", name: "Scan room printer" });
    expect((await api.get("/api/v1/printers")).body.printers.map((p: { code: string }) => p.code)).toContain(
      "SCAN_ROOM",
    );
    expect((await api.delete(`/api/v1/printers/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/printers/${id}`)).status).toBe(404);
  });

  it("defaults to the printout queue when no email is given", async () => {
    const res = await client(t.app, adminKey).post("/api/v1/printers", { code: "QUEUE_ONLY", name: "Queue" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: null, description: null, print_method: "queue" });
  });

  it("refuses an invalid email address naming the field, and writes nothing", async () => {
    const api = client(t.app, adminKey);
    const res = await api.post("/api/v1/printers", { code: "BAD_MAIL", name: "Bad", email: "not-an-address" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "email" }] });
    const codes = (await api.get("/api/v1/printers")).body.printers.map((p: { code: string }) => p.code);
    expect(codes).not.toContain("BAD_MAIL");
  });

  it("refuses a duplicate code", async () => {
    const api = client(t.app, adminKey);
    await api.post("/api/v1/printers", { code: "TWICE", name: "One" });
    const res = await api.post("/api/v1/printers", { code: "TWICE", name: "Two" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "code" }] });
  });

  it("refuses to delete a department's default printer (IN_USE)", async () => {
    const api = client(t.app, adminKey);
    const printer = await api.post("/api/v1/printers", { code: "DEPT_PRINTER", name: "Dept" });
    const dept = await api.patch(`/api/v1/departments/${inst.departments.inst}`, { default_printer: "DEPT_PRINTER" });
    expect(dept.body.default_printer).toBe("DEPT_PRINTER");
    const res = await api.delete(`/api/v1/printers/${printer.body.id}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "IN_USE", details: { used_by: ["department DIGI_DEPT_INST"] } });
    await api.patch(`/api/v1/departments/${inst.departments.inst}`, { default_printer: null });
    expect((await api.delete(`/api/v1/printers/${printer.body.id}`)).status).toBe(204);
  });

  it("lets a Fulfillment Administrator read printers but not change them", async () => {
    const api = client(t.app, fulfillmentAdminKey);
    expect((await api.get("/api/v1/printers")).status).toBe(200);
    const res = await api.post("/api/v1/printers", { code: "FA", name: "FA" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    const existing = await client(t.app, adminKey).post("/api/v1/printers", { code: "FA_TARGET", name: "x" });
    expect((await api.get(`/api/v1/printers/${existing.body.id}`)).status).toBe(200);
    expect((await api.patch(`/api/v1/printers/${existing.body.id}`, { name: "y" })).status).toBe(403);
    expect((await api.delete(`/api/v1/printers/${existing.body.id}`)).status).toBe(403);
  });

  it("refuses patrons even reading printers", async () => {
    const api = client(t.app, patronKey);
    expect((await api.get("/api/v1/printers")).status).toBe(403);
    const existing = await client(t.app, adminKey).post("/api/v1/printers", { code: "PATRON_SEES", name: "x" });
    expect((await api.get(`/api/v1/printers/${existing.body.id}`)).status).toBe(403);
  });

  it("answers 404 for another institution's printer", async () => {
    const other = await makeInstitution(t.ctx);
    const theirs = await client(t.app, (await admin(t.ctx, other)).apiKey).post("/api/v1/printers", {
      code: "THEIRS",
      name: "Theirs",
    });
    const api = client(t.app, adminKey);
    expect((await api.get(`/api/v1/printers/${theirs.body.id}`)).status).toBe(404);
    expect((await api.patch(`/api/v1/printers/${theirs.body.id}`, { name: "mine" })).status).toBe(404);
    const del = await api.delete(`/api/v1/printers/${theirs.body.id}`);
    expect(del.status).toBe(404);
    expect(del.body.code).toBe("NOT_FOUND");
  });
});

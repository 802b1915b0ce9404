import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { client } from "../../test/api.js";
import { curlToInject, documentedCommands } from "../../test/curl.js";
import { useTestApp } from "../../test/harness.js";
import { emlPath } from "../letters/mailer.js";
import { sendOutboxLetter } from "../letters/send-letter.js";
import { processOutbox } from "../outbox/process-outbox.js";
import { demoBanner } from "./banner.js";
import { seedDemo, type DemoSeedResult } from "./seed-demo.js";
import { limitsOf } from "../rules/tables/patron-limits.js";

const t = useTestApp();

/** Rows of every table the seed writes, for this institution only. */
async function counts(institutionId: number) {
  const tables = [
    "libraries",
    "locations",
    "circulation_desks",
    "printers",
    "departments",
    "department_served_libraries",
    "user_groups",
    "users",
    "role_assignments",
    "bibs",
    "holdings",
    "items",
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("institution_id", "=", institutionId)
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe("seedDemo", () => {
  // a code of its own, so this file never meets another run's demo institution
  const code = `DEMO_${randomBytes(3).toString("hex").toUpperCase()}`;
  let first: DemoSeedResult;
  beforeAll(async () => {
    first = await seedDemo(t.ctx, { institutionCode: code });
  });

  const db = () => t.ctx.db;

  it("creates the institution with two libraries, their locations and desks", async () => {
    expect(first).toMatchObject({ created: true, institutionCode: code });
    const libs = await db()
      .selectFrom("libraries")
      .select(["id", "code", "name"])
      .where("institution_id", "=", first.institutionId)
      .orderBy("code")
      .execute();
    expect(libs.map((l) => [l.code, l.name])).toEqual([
      ["MAIN", "Main Library"],
      ["SCI", "Science Library"],
    ]);
    for (const lib of libs) {
      const n = (await db().selectFrom("locations").select("id").where("library_id", "=", lib.id).execute()).length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(3);
    }
    const desks = await db()
      .selectFrom("circulation_desks")
      .select(["library_id", "supports_digitization", "work_time_days"])
      .where("institution_id", "=", first.institutionId)
      .orderBy("supports_digitization")
      .execute();
    const mainId = libs[0]?.id;
    expect(desks).toEqual([
      { library_id: mainId, supports_digitization: 0, work_time_days: null },
      { library_id: mainId, supports_digitization: 1, work_time_days: 7 },
    ]);
  });

  it("adds SCI_DIGI beside DIGI_DEPT_INST, each with a default printer of a different kind", async () => {
    const depts = await db()
      .selectFrom("departments as d")
      .innerJoin("printers as p", "p.id", "d.default_printer_id")
      .leftJoin("libraries as l", "l.id", "d.owner_library_id")
      .select(["d.code", "d.owner_level", "l.code as library", "p.email"])
      .where("d.institution_id", "=", first.institutionId)
      .orderBy("d.code")
      .execute();
    expect(depts).toEqual([
      { code: "DIGI_DEPT_INST", owner_level: "institution", library: null, email: expect.stringContaining("@") },
      { code: "SCI_DIGI", owner_level: "library", library: "SCI", email: null },
    ]);
  });

  it("creates the user groups with their digitization limits", async () => {
    const groups = await db()
      .selectFrom("user_groups")
      .select("code")
      .where("institution_id", "=", first.institutionId)
      .orderBy("code")
      .execute();
    const limits = await limitsOf(
      db(),
      first.institutionId,
      groups.map((g) => g.code),
    );
    expect(
      Object.fromEntries(groups.map((g) => [g.code, limits.get(g.code)!.output.max_digitization_requests])),
    ).toEqual({
      COMMUNITY: 0,
      FACULTY: null,
      GRAD: 5,
      STAFF: null,
      UNDERGRAD: 3,
    });
  });

  it("creates one staff user per role and one patron per group, all signing in with the demo password", async () => {
    const grants = await db()
      .selectFrom("role_assignments as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select(["u.primary_id", "r.role", "r.scope_type", "r.scope_id"])
      .where("r.institution_id", "=", first.institutionId)
      .execute();
    const holders = new Map<string, Set<string>>();
    for (const g of grants) holders.set(g.role, (holders.get(g.role) ?? new Set()).add(g.primary_id));
    expect([...holders.keys()].sort()).toEqual([
      "FULFILLMENT_ADMINISTRATOR",
      "FULFILLMENT_SERVICES_MANAGER",
      "FULFILLMENT_SERVICES_OPERATOR",
      "GENERAL_SYSTEM_ADMINISTRATOR",
      "LETTER_ADMINISTRATOR",
      "REQUESTS_OPERATOR",
      "WORK_ORDER_OPERATOR",
    ]);
    for (const users of holders.values()) expect(users.size).toBe(1);

    const instDept = await db()
      .selectFrom("departments")
      .select("id")
      .where("institution_id", "=", first.institutionId)
      .where("code", "=", "DIGI_DEPT_INST")
      .executeTakeFirstOrThrow();
    expect(grants).toContainEqual({
      primary_id: "demo-work-order-operator",
      role: "WORK_ORDER_OPERATOR",
      scope_type: "department",
      scope_id: instDept.id,
    });

    const patrons = await db()
      .selectFrom("users as u")
      .innerJoin("user_groups as g", "g.id", "u.user_group_id")
      .leftJoin("role_assignments as r", "r.user_id", "u.id")
      .select(["u.primary_id", "g.code"])
      .where("u.institution_id", "=", first.institutionId)
      .where("r.id", "is", null)
      .execute();
    expect(patrons.map((p) => p.code).sort()).toEqual(["COMMUNITY", "FACULTY", "GRAD", "STAFF", "UNDERGRAD"]);
    expect(first.logins).toHaveLength(12);
    expect(first.logins.every((l) => l.password === "recto-demo" && l.institution === code)).toBe(true);

    const login = await client(t.app).post("/api/v1/auth/login", {
      institution: code,
      user_id: "demo-undergrad",
      password: "recto-demo",
    });
    expect(login.status).toBe(200);
  });

  it("generates about 300 titles: books with a page count and one item, described journal issues, titles without items", async () => {
    const inst = first.institutionId;
    const bibs = await db()
      .selectFrom("bibs as b")
      .leftJoin("holdings as h", "h.bib_id", "b.id")
      .leftJoin("items as i", "i.holding_id", "h.id")
      .select(["b.id", "b.material_type", "b.page_count", "h.id as holding_id", "i.id as item_id", "i.description"])
      .where("b.institution_id", "=", inst)
      .execute();
    const byBib = new Map<number, typeof bibs>();
    for (const row of bibs) byBib.set(row.id, [...(byBib.get(row.id) ?? []), row]);
    expect(byBib.size).toBe(300);

    const journals = [...byBib.values()].filter((rows) => rows[0]?.material_type === "JOURNAL");
    expect(journals.length).toBeGreaterThan(10);
    for (const rows of journals) {
      expect(rows.length).toBeGreaterThanOrEqual(6);
      expect(rows.length).toBeLessThanOrEqual(12);
      for (const r of rows) expect(r.description).toMatch(/^v\.\d+ no\.\d+ \(\d{4}\)$/);
    }
    const books = [...byBib.values()].filter((rows) => rows[0]?.material_type === "BOOK" && rows[0]?.item_id);
    expect(books.length).toBeGreaterThan(100);
    expect(books.filter((rows) => rows[0]?.page_count).length).toBeGreaterThan(100);
    const holdingsNoItems = [...byBib.values()].filter((rows) => rows[0]?.holding_id && !rows[0]?.item_id);
    expect(holdingsNoItems.length).toBeGreaterThan(10);
    const noHoldings = [...byBib.values()].filter((rows) => !rows[0]?.holding_id);
    expect(noHoldings.length).toBeGreaterThan(0);
  });

  it("returns an API key of the administrator that works", async () => {
    const res = await client(t.app, first.apiKey).get("/api/v1/bibs?limit=5");
    expect(res.status).toBe(200);
    expect(res.body.bibs).toHaveLength(5);
    const me = await client(t.app, first.apiKey).get("/api/v1/auth/me");
    expect(me.body).toMatchObject({ primary_id: "demo-admin", institution_id: first.institutionId });
  });

  it("prints a key with which the README's placement example works, where the administrator's gets 403", async () => {
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const docs = fs.readFileSync(new URL("../../docs/compatibility.md", import.meta.url), "utf8");
    const documented = [
      ...documentedCommands(readme, "/almaws/v1/users/"),
      ...documentedCommands(docs, "<operator key>"),
    ];
    expect(documented.length).toBeGreaterThanOrEqual(2);
    expect(first.placementExample).toMatchObject({ operator: "demo-fs-operator", patron: "demo-faculty" });
    const mmsId = String(first.placementExample!.mmsId);
    const banner = demoBanner("http://localhost:3000", first);
    const printed = banner.split("\n").find((l) => l.includes("/almaws/v1/users/"));
    expect(printed).toBeDefined();
    for (const command of [...documented, printed!]) {
      const filled = command.replace("<operator key>", first.operatorApiKey!).replace("<mms_id>", mmsId);
      const res = await t.app.inject(curlToInject(filled));
      expect(res.statusCode, `${command}\n${res.body}`).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({
        user_primary_id: "demo-faculty",
        mms_id: mmsId,
        request_source: "api",
      });

      const asAdmin = await t.app.inject(curlToInject(filled.replace(first.operatorApiKey!, first.apiKey)));
      expect(asAdmin.statusCode).toBe(403);
      expect(JSON.parse(asAdmin.body).errorList.error[0].errorMessage).toContain("Fulfillment Services Operator");
    }
  });

  it("shows the delivery path: a delivered request whose .eml letter has a link that downloads the scan", async () => {
    expect(first.deliveredRequestId).toEqual(expect.any(Number));
    const api = client(t.app, first.apiKey);
    const request = await api.get(`/api/v1/requests/${first.deliveredRequestId}`);
    expect(request.body.request_status).toBe("DELIVERED");
    await processOutbox(
      t.ctx,
      { letter: sendOutboxLetter },
      { now: t.clock.now(), institutionId: first.institutionId },
    );
    const listed = await api.get("/api/v1/mail/eml");
    expect(listed.status).toBe(200);
    const letter = listed.body.messages.find((m: any) => m.letter_code === "document_delivery_notification");
    expect(letter).toMatchObject({ request_id: first.deliveredRequestId, recipient: "demo-faculty@demo.example.edu" });
    expect(letter.download_links).toHaveLength(1);
    const eml = await api.get(`/api/v1/mail/eml/${letter.id}`);
    expect(eml.headers["content-type"]).toContain("message/rfc822");
    // Staff see that a link was sent, not the link; the patron's letter on disk carries it.
    expect((await simpleParser(eml.body as string)).text).toContain("/api/v1/downloads/[download link sent:");
    const sent = await simpleParser(fs.readFileSync(emlPath(t.config, first.institutionId, letter.eml_name)));
    const url = /\/api\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(sent.text ?? "")![0];
    expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(200);
    const download = await t.app.inject({ method: "GET", url: `${url}/file` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("shows a course-reserve request, placed by the Fulfillment Services Operator for a patron", async () => {
    expect(first.courseRequestId).toEqual(expect.any(Number));
    const res = await client(t.app, first.apiKey).get(`/api/v1/requests/${first.courseRequestId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user_id: "demo-faculty",
      library: "MAIN",
      request_source: "course",
      course: { code: "HIST-201", name: "Early modern Europe" },
    });
    const listed = await client(t.app, first.apiKey).get("/api/v1/requests?course=HIST-201");
    expect(listed.body.requests.map((r: any) => Number(r.request_id))).toEqual([first.courseRequestId]);
  });

  it("adds nothing on a second run, and replaces the key (the old one is revoked)", async () => {
    const before = await counts(first.institutionId);
    const second = await seedDemo(t.ctx, { institutionCode: code });
    expect(second).toMatchObject({ created: false, institutionId: first.institutionId });
    expect(await counts(first.institutionId)).toEqual(before);
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(second.operatorApiKey).not.toBe(first.operatorApiKey);
    expect((await client(t.app, first.operatorApiKey).get("/api/v1/bibs")).status).toBe(401);
    expect((await client(t.app, second.operatorApiKey).get("/api/v1/bibs")).status).toBe(200);
    expect((await client(t.app, second.apiKey).get("/api/v1/bibs")).status).toBe(200);
    const old = await client(t.app, first.apiKey).get("/api/v1/bibs");
    expect(old.status).toBe(401);
    const live = await db()
      .selectFrom("api_keys")
      .select("id")
      .where("institution_id", "=", first.institutionId)
      .where("revoked_at", "is", null)
      .execute();
    // the administrator's and the operator's
    expect(live).toHaveLength(2);
  });
});

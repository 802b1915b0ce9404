import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { useTestApp } from "../../test/harness.js";
import { joinConsortiumCli } from "../cli/join-consortium.js";
import { createInstitution } from "../organisation/create-institution.js";
import { issueApiKey } from "../people/api-keys.js";
import { insertAssignment } from "../people/role-assignments-repository.js";
import { insertUser } from "../people/users-repository.js";

const PERSON = {
  email: null,
  user_group_id: null,
  preferred_language: null,
  status: "ACTIVE" as const,
  expiry_date: null,
  password_hash: null,
};

const t = useTestApp();

const code = (prefix: string) => `${prefix}_${randomBytes(3).toString("hex").toUpperCase()}`;

/** A new institution, as `recto create-institution --admin` leaves it, and its administrator's client. */
async function newInstitution() {
  const instCode = code("PLAN");
  const created = await createInstitution(t.ctx.db, { code: instCode, name: "Planned University" }, t.clock.now(), {
    primary_id: "boss",
    email: null,
    password_hash: "x",
  });
  const key = created.admin!.apiKey;
  return { id: created.id, code: instCode, adminId: created.admin!.userId, key, api: client(t.app, key) };
}

const answers = (adminId: number, over: Record<string, unknown> = {}) => ({
  place: "institution_department",
  work_time_days: 10,
  libraries: [
    { code: "MAIN", name: "Main Library" },
    { code: "LAW", name: "Law Library" },
  ],
  printer: { code: "SLIPS", name: "Pick slips", email: null },
  approval_required: true,
  copyright_clearance_required: false,
  approval_mode: "blocks",
  delivery: "link",
  max_views: 3,
  link_expiry_days: 7,
  user_groups: [
    { code: "STUDENT", name: "Students", may_request: true, max_requests: 3 },
    { code: "FACULTY", name: "Faculty", may_request: true, max_requests: null },
    { code: "GUEST", name: "Guests", may_request: false },
  ],
  excluded_material_types: ["MAP"],
  staff: [{ user_id: adminId, scans: true, approves: true, requests_for_patrons: false, picks: true }],
  ...over,
});

/** Everything planning may write, counted, so a refusal or a dry run can be shown to write nothing. */
async function footprint(institutionId: number) {
  const count = async (
    table:
      | "libraries"
      | "printers"
      | "departments"
      | "circulation_desks"
      | "user_groups"
      | "rules"
      | "rule_versions"
      | "role_assignments"
      | "letter_settings",
  ) =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("institution_id", "=", institutionId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const digitization = await t.ctx.db
    .selectFrom("rule_tables")
    .select(["default_output", "updated_at"])
    .where("institution_id", "=", institutionId)
    .where("kind", "=", "digitization")
    .executeTakeFirstOrThrow();
  return {
    libraries: await count("libraries"),
    printers: await count("printers"),
    departments: await count("departments"),
    desks: await count("circulation_desks"),
    groups: await count("user_groups"),
    rules: await count("rules"),
    versions: await count("rule_versions"),
    grants: await count("role_assignments"),
    letters: await count("letter_settings"),
    digitization,
  };
}

const failing = async (api: ReturnType<typeof client>) =>
  (await api.get("/api/v1/readiness")).body.checks.filter((c: { status: string }) => c.status === "fail");

describe("POST /api/v1/setup/plan", () => {
  it("a dry run proposes every change and writes nothing; confirming makes them and the institution is ready", async () => {
    const inst = await newInstitution();
    const before = await footprint(inst.id);
    const dry = await inst.api.post("/api/v1/setup/plan", { ...answers(inst.adminId), dry_run: true });
    expect(dry.status).toBe(200);
    expect(dry.body.dry_run).toBe(true);
    expect(await footprint(inst.id)).toEqual(before);

    const done = await inst.api.post("/api/v1/setup/plan", answers(inst.adminId));
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ dry_run: false, changes: dry.body.changes });
    const kinds = (k: string) => done.body.changes.filter((c: { kind: string }) => c.kind === k);
    expect(kinds("library").map((c: { code: string; action: string }) => [c.code, c.action])).toEqual([
      ["MAIN", "create"],
      ["LAW", "create"],
    ]);
    expect(kinds("department")).toEqual([
      {
        kind: "department",
        action: "update",
        code: "DIGI_DEPT_INST",
        name: "Digitization Department For Institution",
        work_time_days: 10,
        printer: "SLIPS",
        serves: [],
      },
    ]);
    expect(
      kinds("user_group").map((c: { code: string; max_requests: number | null }) => [c.code, c.max_requests]),
    ).toEqual([
      ["STUDENT", 3],
      ["FACULTY", null],
      ["GUEST", 0],
    ]);
    expect(kinds("delivery_rule")).toEqual([
      { kind: "delivery_rule", action: "create", groups: ["STUDENT", "FACULTY"] },
    ]);
    expect(kinds("display_rule")).toEqual([{ kind: "display_rule", action: "create", material_types: ["MAP"] }]);
    expect(kinds("role").map((c: { role: string; scope: string | null }) => `${c.role} ${c.scope}`)).toEqual([
      "WORK_ORDER_OPERATOR DIGI_DEPT_INST",
      "FULFILLMENT_SERVICES_MANAGER null",
      "REQUESTS_OPERATOR MAIN",
      "REQUESTS_OPERATOR LAW",
    ]);

    const workflow = (await inst.api.get("/api/v1/rule-tables/digitization")).body.default_output;
    expect(workflow).toMatchObject({
      target: "link",
      approval_required: true,
      copyright_clearance_required: false,
      approval_mode: "blocks",
      max_views: 3,
      link_expiry_days: 7,
    });
    const limits = (await inst.api.get("/api/v1/user-groups")).body.user_groups.map(
      (g: { code: string; max_digitization_requests: number | null }) => [g.code, g.max_digitization_requests],
    );
    expect(limits).toEqual(
      expect.arrayContaining([
        ["STUDENT", 3],
        ["FACULTY", null],
        ["GUEST", 0],
      ]),
    );
    // the default rule's change is in its history, by the administrator
    const versions = (await inst.api.get("/api/v1/rule-tables/digitization/versions")).body.versions;
    expect(versions[0]).toMatchObject({ action: "default_updated" });
    expect(await failing(inst.api)).toEqual([]);
    expect((await inst.api.get("/api/v1/readiness")).body.ready).toBe(true);
  });

  it("planning again with the same answers keeps what is there and adds nothing", async () => {
    const inst = await newInstitution();
    expect((await inst.api.post("/api/v1/setup/plan", answers(inst.adminId))).status).toBe(200);
    const once = await footprint(inst.id);
    const again = await inst.api.post("/api/v1/setup/plan", answers(inst.adminId));
    expect(again.status).toBe(200);
    const actions = new Set(
      again.body.changes
        .filter((c: { kind: string }) => c.kind !== "user_group")
        .map((c: { action: string }) => c.action),
    );
    expect([...actions]).toEqual(["keep"]);
    const twice = await footprint(inst.id);
    expect({ ...twice, versions: 0 }).toEqual({ ...once, versions: 0 });
  });

  it("a department per library, or a desk per library: each place with its operators, and ready", async () => {
    const inst = await newInstitution();
    const libraryDepts = await inst.api.post(
      "/api/v1/setup/plan",
      answers(inst.adminId, { place: "library_departments", approval_required: false, approval_mode: null }),
    );
    expect(libraryDepts.status).toBe(200);
    const departments = (await inst.api.get("/api/v1/departments")).body.departments;
    expect(departments.map((d: { code: string; owner_level: string }) => [d.code, d.owner_level]).sort()).toEqual([
      ["DIGI_DEPT_INST", "institution"],
      ["DIGI_LAW", "library"],
      ["DIGI_MAIN", "library"],
    ]);
    expect(await failing(inst.api)).toEqual([]);

    const other = await newInstitution();
    const desks = await other.api.post(
      "/api/v1/setup/plan",
      answers(other.adminId, {
        place: "desks",
        libraries: [{ code: "MAIN", name: "Main Library", desk: { code: "MAIN_CIRC", name: "Circulation" } }],
        delivery: "attachment",
        copyright_clearance_required: true,
        approval_mode: "automatic",
        approval_reason: "FAIR_USE",
      }),
    );
    expect(desks.status).toBe(200);
    const desk = desks.body.changes.find((c: { kind: string }) => c.kind === "desk");
    expect(desk).toEqual({
      kind: "desk",
      action: "create",
      code: "MAIN_CIRC",
      name: "Circulation",
      library: "MAIN",
      work_time_days: 10,
    });
    expect(
      desks.body.changes.filter((c: { kind: string }) => c.kind === "letter").map((c: { code: string }) => c.code),
    ).toEqual(["digitization_notification_item", "document_delivery_notification"]);
    expect(await failing(other.api)).toEqual([]);
  });

  it("answers that do not fit together are refused field by field, in the caller's language, and write nothing", async () => {
    const inst = await newInstitution();
    const before = await footprint(inst.id);
    const bad = answers(inst.adminId, {
      place: "desks",
      libraries: [
        { code: "MAIN", name: "Main Library" },
        { code: "MAIN", name: "Main again", desk: { code: "D1", name: "Desk" } },
      ],
      printer: null,
      approval_required: true,
      approval_mode: null,
      user_groups: [{ code: "GUEST", name: "Guests", may_request: false }],
      staff: [{ user_id: 999999, scans: false, approves: true, requests_for_patrons: false, picks: false }],
    });
    const res = await inst.api.post("/api/v1/setup/plan", bad);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([
      "libraries.1.code",
      "libraries.0.desk",
      "printer",
      "approval_mode",
      "user_groups",
      "staff.0.user_id",
      "staff",
    ]);
    expect(res.body.fields[4].message).toBe("at least one user group must be allowed to request");
    expect(await footprint(inst.id)).toEqual(before);

    const inFrench = await t.app.inject({
      method: "POST",
      url: "/api/v1/setup/plan",
      headers: { authorization: `Bearer ${inst.key}`, "accept-language": "fr" },
      payload: bad,
    });
    const fr = JSON.parse(inFrench.body) as { fields: { field: string; message: string }[] };
    expect(fr.fields.find((f) => f.field === "staff")!.message).toBe("Choisissez au moins une personne qui numérise");
    expect(await footprint(inst.id)).toEqual(before);
  });

  it("an automatic approval needs an active reason; the shape of the answers is checked before anything", async () => {
    const inst = await newInstitution();
    const before = await footprint(inst.id);
    const noReason = await inst.api.post(
      "/api/v1/setup/plan",
      answers(inst.adminId, { approval_mode: "automatic", approval_reason: "NOT_A_REASON" }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toEqual([
      { field: "approval_reason", message: "NOT_A_REASON is not an active approval reason" },
    ]);
    const shape = await inst.api.post(
      "/api/v1/setup/plan",
      answers(inst.adminId, { work_time_days: 0, libraries: [] }),
    );
    expect(shape.status).toBe(400);
    expect(shape.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(["libraries", "work_time_days"]);
    expect(await footprint(inst.id)).toEqual(before);
  });

  it("a refusal found halfway (a consortium's locked limit) undoes everything made before it", async () => {
    const consortium = await newInstitution();
    const inst = await newInstitution();
    const quiet = { out: () => {}, err: () => {} };
    expect(
      await joinConsortiumCli(t.ctx.db, ["--institution", inst.code, "--consortium", consortium.code], quiet),
    ).toBe(0);
    const shared = await consortium.api.post("/api/v1/user-groups", {
      code: "VISITOR",
      name: "Visitors",
      max_digitization_requests: 1,
      shared: true,
    });
    expect(shared.status).toBe(201);
    const before = await footprint(inst.id);
    const res = await inst.api.post(
      "/api/v1/setup/plan",
      answers(inst.adminId, {
        user_groups: [
          { code: "STUDENT", name: "Students", may_request: true, max_requests: 3 },
          { code: "VISITOR", name: "Visitors", may_request: true, max_requests: 5 },
        ],
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("RULE_LOCKED");
    // libraries, the printer, the department and STUDENT were made before VISITOR was refused: all undone
    expect(await footprint(inst.id)).toEqual(before);
  });

  it("only someone allowed every part of the setup may plan it", async () => {
    const inst = await newInstitution();
    const at = t.clock.now().toISOString();
    const user = {
      institution_id: inst.id,
      id: await insertUser(t.ctx.db, inst.id, { ...PERSON, primary_id: "fa", first_name: "F", last_name: "A" }, at),
    };
    await insertAssignment(
      t.ctx.db,
      user,
      { role: "FULFILLMENT_ADMINISTRATOR", scope_type: "institution", scope_id: null },
      at,
    );
    const key = await issueApiKey(t.ctx.db, user, "test", t.clock.now());
    const before = await footprint(inst.id);
    const res = await client(t.app, key.key).post("/api/v1/setup/plan", answers(inst.adminId));
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/organisation\.manage/);
    expect(await footprint(inst.id)).toEqual(before);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { almaws } from "../../test/almaws.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { joinConsortium } from "../rules/tables/consortium.js";
import { DEFAULT_REQUEST_FORM } from "./default-config.js";

const t = useTestApp();
const alma = almaws(() => t.app);
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

/** The starting form with some fields changed and the given checkboxes. */
function configWith(
  changes: Record<string, { mandatory?: boolean; display_to_public?: boolean }>,
  checkboxes: { code: string; label: Record<string, string>; mandatory: boolean }[] = [],
) {
  return {
    ...DEFAULT_REQUEST_FORM,
    fields: DEFAULT_REQUEST_FORM.fields.map((f) => ({ ...f, ...(changes[f.code] ?? {}) })),
    checkboxes,
  };
}

const notOnline = {
  code: "not_online",
  label: { en: "I have checked that this is not available online", fr: "J'ai vérifié que ce n'est pas en ligne" },
  mandatory: true,
};

describe("the request form configuration", () => {
  let inst: InstitutionFixture;
  let fa: UserFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    fa = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  it("gives a new institution the starting form, in the language asked for, English where a text is missing", async () => {
    const fr = await client(t.app, patron.apiKey).get("/api/v1/request-form?lang=fr");
    expect(fr.status).toBe(200);
    expect(fr.body.language).toBe("fr");
    expect(fr.body.fields.map((f: any) => f.code)).toEqual(DEFAULT_REQUEST_FORM.fields.map((f) => f.code));
    expect(fr.body.fields.find((f: any) => f.code === "required_pages_range")).toMatchObject({
      label: "Pages",
      mandatory: false,
      help: expect.stringContaining("chiffres romains"),
    });
    expect(fr.body.copyright_notice).toContain("droit d’auteur");
    expect(fr.body.inherited_from).toBeNull();
  });

  it("lets a Fulfillment Administrator change it, versioned, and shows patrons only the public fields", async () => {
    const own = await makeInstitution(t.ctx);
    const admin = await makeUser(t.ctx, own, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    const reader = await makeUser(t.ctx, own, { group: "FACULTY" });
    const config = configWith({ doi: { display_to_public: false }, comment: { mandatory: true } }, [notOnline]);
    const put = await client(t.app, admin.apiKey).put("/api/v1/request-form/config", { config });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ locked: false, inherited_from: null, applies_to_members: false });

    const form = await client(t.app, reader.apiKey).get("/api/v1/request-form?lang=fr");
    expect(form.body.fields.map((f: any) => f.code)).not.toContain("doi");
    expect(form.body.fields.find((f: any) => f.code === "comment").mandatory).toBe(true);
    expect(form.body.checkboxes).toEqual([
      { code: "not_online", label: "J'ai vérifié que ce n'est pas en ligne", mandatory: true },
    ]);

    const versions = await client(t.app, admin.apiKey).get("/api/v1/request-form/versions");
    expect(versions.status).toBe(200);
    expect(versions.body.versions[0]).toMatchObject({ action: "updated", actor_user_id: admin.id });
    expect(versions.body.versions[0].before.checkboxes).toEqual([]);
    expect(versions.body.versions[0].after.checkboxes).toHaveLength(1);
  });

  it("refuses an invalid configuration with field-level errors", async () => {
    const bad = {
      ...DEFAULT_REQUEST_FORM,
      fields: [
        { ...DEFAULT_REQUEST_FORM.fields[0]!, mandatory: true },
        { ...DEFAULT_REQUEST_FORM.fields[1]!, default_value: true },
        { ...DEFAULT_REQUEST_FORM.fields[1]!, label: {} },
      ],
      checkboxes: [{ code: "1bad", label: { en: "x" }, mandatory: false }],
    };
    const res = await client(t.app, fa.apiKey).put("/api/v1/request-form/config", { config: bad });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    const fields = res.body.fields.map((f: any) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "config.fields.0.mandatory",
        "config.fields.1.default_value",
        "config.fields.2.label",
        "config.fields.2.code",
        "config.checkboxes.0.code",
      ]),
    );
    const unchanged = await client(t.app, patron.apiKey).get("/api/v1/request-form");
    expect(unchanged.body.fields).toHaveLength(DEFAULT_REQUEST_FORM.fields.length);
  });

  it("is changed only by a Fulfillment Administrator, and read only signed in", async () => {
    const asPatron = await client(t.app, patron.apiKey).put("/api/v1/request-form/config", {
      config: DEFAULT_REQUEST_FORM,
    });
    expect(asPatron.status).toBe(403);
    expect((await client(t.app, patron.apiKey).get("/api/v1/request-form/config")).status).toBe(403);
    expect((await client(t.app).get("/api/v1/request-form")).status).toBe(401);
    expect((await client(t.app).post("/api/v1/requests/duplicate-check", { mms_id: "1" })).status).toBe(401);
  });

  it("is inherited from a consortium that applies it to members, and locked there", async () => {
    const consortium = await makeInstitution(t.ctx);
    const member = await makeInstitution(t.ctx);
    await joinConsortium(t.ctx.db, member.code, consortium.code);
    const cAdmin = await makeUser(t.ctx, consortium, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }],
    });
    const mAdmin = await makeUser(t.ctx, member, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    const mPatron = await makeUser(t.ctx, member, { group: "FACULTY" });

    // Not applied to members: the member keeps its own.
    const own = await client(t.app, cAdmin.apiKey).put("/api/v1/request-form/config", {
      config: configWith({}, [notOnline]),
    });
    expect(own.status).toBe(200);
    expect((await client(t.app, mPatron.apiKey).get("/api/v1/request-form")).body.checkboxes).toEqual([]);

    const shared = await client(t.app, cAdmin.apiKey).put("/api/v1/request-form/config", {
      config: configWith({}, [notOnline]),
      applies_to_members: true,
    });
    expect(shared.status).toBe(200);
    const seen = await client(t.app, mPatron.apiKey).get("/api/v1/request-form");
    expect(seen.body.inherited_from).toBe(consortium.code);
    expect(seen.body.checkboxes.map((b: any) => b.code)).toEqual(["not_online"]);
    const read = await client(t.app, mAdmin.apiKey).get("/api/v1/request-form/config");
    expect(read.body).toMatchObject({ locked: true, inherited_from: consortium.code });

    const change = await client(t.app, mAdmin.apiKey).put("/api/v1/request-form/config", {
      config: DEFAULT_REQUEST_FORM,
    });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe("FORM_LOCKED_BY_CONSORTIUM");

    // And the member's placements follow the consortium's form.
    const title = await makeTitle(t.ctx, member);
    const placed = await client(t.app, mPatron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      ...pages,
    });
    expect(placed.status).toBe(400);
    expect(placed.body.fields).toEqual([{ field: "custom_checkboxes.not_online", message: expect.any(String) }]);
  });
});

describe("the form configuration enforced at placement", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  let staff: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    const fa = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    staff = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const config = configWith(
      {
        copyrights_declaration_signed_by_patron: { mandatory: true },
        chapter_or_article_title: { mandatory: true },
        doi: { mandatory: true, display_to_public: false },
      },
      [notOnline, { code: "for_teaching", label: { en: "For teaching" }, mandatory: false }],
    );
    const res = await client(t.app, fa.apiKey).put("/api/v1/request-form/config", { config });
    expect(res.status).toBe(200);
  });

  it("refuses a patron's request missing mandatory fields and checkboxes on /api/v1, naming each, but not hidden fields", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: String(title.mmsId), ...pages });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: any) => f.field)).toEqual([
      "chapter_or_article_title",
      "copyrights_declaration_signed_by_patron",
      "custom_checkboxes.not_online",
    ]);
  });

  it("places a complete request and keeps the checkbox answers with it", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      ...pages,
      chapter_or_article_title: "Chapter 1",
      copyrights_declaration_signed_by_patron: true,
      custom_checkboxes: ["not_online"],
    });
    expect(res.status).toBe(201);
    expect(res.body.custom_checkboxes).toEqual([
      { code: "not_online", label: "I have checked that this is not available online", checked: true },
      { code: "for_teaching", label: "For teaching", checked: false },
    ]);
    const read = await client(t.app, patron.apiKey).get(`/api/v1/requests/${res.body.request_id}`);
    expect(read.body.custom_checkboxes).toEqual(res.body.custom_checkboxes);
  });

  it("refuses a checkbox the form does not have", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      ...pages,
      chapter_or_article_title: "Chapter 1",
      copyrights_declaration_signed_by_patron: true,
      custom_checkboxes: ["not_online", "invented"],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: "custom_checkboxes.invented", message: "is not a checkbox of this form" },
    ]);
  });

  it("asks staff placing for a patron for the hidden mandatory fields too", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, staff.apiKey).post("/api/v1/requests", {
      user_id: patron.primaryId,
      mms_id: String(title.mmsId),
      ...pages,
      chapter_or_article_title: "Chapter 1",
      copyrights_declaration_signed_by_patron: true,
      custom_checkboxes: ["not_online"],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: any) => f.field)).toEqual(["doi"]);
  });

  it("refuses a request missing a mandatory field on /almaws, in the platform's envelope, one entry per field", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?item_pid=${title.itemIds[0]}`, {
      key: patron.apiKey,
      body: { request_type: "DIGITIZATION", ...pages, custom_checkboxes: ["not_online"] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errorsExist).toBe(true);
    expect(res.body.errorList.error.map((e: any) => [e.errorCode, e.field])).toEqual([
      ["VALIDATION_FAILED", "chapter_or_article_title"],
      ["VALIDATION_FAILED", "copyrights_declaration_signed_by_patron"],
    ]);
    const ok = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?item_pid=${title.itemIds[0]}`, {
      key: patron.apiKey,
      body: {
        request_type: "DIGITIZATION",
        ...pages,
        chapter_or_article_title: "Chapter 1",
        copyrights_declaration_signed_by_patron: true,
        custom_checkboxes: ["not_online"],
      },
    });
    expect(ok.status).toBe(200);
  });

  it("records request_source openurl only from a patron placing for themselves", async () => {
    const title = await makeTitle(t.ctx, inst);
    const body = {
      mms_id: String(title.mmsId),
      ...pages,
      chapter_or_article_title: "Chapter 1",
      doi: "10.1000/xyz123",
      copyrights_declaration_signed_by_patron: true,
      custom_checkboxes: ["not_online"],
      request_source: "openurl",
    };
    const own = await client(t.app, patron.apiKey).post("/api/v1/requests", body);
    expect(own.status).toBe(201);
    expect(own.body.request_source).toBe("openurl");
    const forOther = await client(t.app, staff.apiKey).post("/api/v1/requests", { ...body, user_id: patron.primaryId });
    expect(forOther.status).toBe(400);
    expect(forOther.body.fields[0].field).toBe("request_source");
    const other = await client(t.app, patron.apiKey).post("/api/v1/requests", { ...body, request_source: "staff" });
    expect(other.status).toBe(400);
  });
});

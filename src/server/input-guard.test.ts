import { describe, expect, it } from "vitest";
import { almaws } from "../../test/almaws.js";
import { client, upload } from "../../test/api.js";
import { deliveryScene, samplePdf } from "../../test/delivery-fixture.js";
import { admin, countRows, makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { findUnstorable, MAX_BODY_DEPTH } from "./input-guard.js";

const t = useTestApp();

/** A JSON body written by hand, so that it can carry what JSON.stringify would never produce. */
const rawJson = (method: "POST" | "PATCH" | "PUT", url: string, key: string, payload: string) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    payload,
  });

const librariesOf = async (institutionId: number) =>
  Number(
    (
      await t.ctx.db
        .selectFrom("libraries")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("institution_id", "=", institutionId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("the input guard: text the database cannot store is refused at the edge", () => {
  it("refuses a NUL byte in a body field with 400 naming the field, and writes nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const before = await librariesOf(inst.id);
    const res = await client(t.app, key).post("/api/v1/libraries", { code: "NEW", name: "Main\u0000Library" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("name"),
      fields: [{ field: "name", message: expect.stringContaining("NUL character (U+0000)") }],
    });
    expect(await librariesOf(inst.id)).toBe(before);
  });

  it("refuses a lone surrogate sent as a JSON escape, instead of storing U+FFFD", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const before = await librariesOf(inst.id);
    for (const name of ["x\\ud800", "\\udfffy", "\\udc00\\ud800"]) {
      const res = await rawJson("POST", "/api/v1/libraries", key, `{"code":"NEW","name":"${name}"}`);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().fields, name).toEqual([
        { field: "name", message: expect.stringContaining("unpaired surrogate") },
      ]);
    }
    // a pair is one character (😀) and is stored as sent
    const ok = await rawJson("POST", "/api/v1/libraries", key, '{"code":"NEW","name":"Emoji \\ud83d\\ude00"}');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().name).toBe("Emoji 😀");
    expect(await librariesOf(inst.id)).toBe(before + 1);
  });

  it("names a nested field by its dotted path, and every offending field", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      required_pages_range: [
        { from_page: "1", to_page: "6" },
        { from_page: "7\u0000", to_page: "9" },
      ],
      comment: "\u0000",
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([
      "required_pages_range.1.from_page",
      "comment",
    ]);
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(0);
  });

  it("refuses a NUL in a path parameter or a query field, naming it", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const user = await client(t.app, key).get("/api/v1/users?q=smith%00");
    expect(user.status).toBe(400);
    expect(user.body.fields).toEqual([{ field: "q", message: expect.stringContaining("U+0000") }]);
    const letter = await client(t.app, key).put("/api/v1/letters/request_received/templates/en%00", {
      subject: "s",
      body_html: "",
      body_text: "b",
    });
    expect(letter.status).toBe(400);
    expect(letter.body.fields).toEqual([{ field: "language", message: expect.stringContaining("U+0000") }]);
    // before authentication: the key is not even looked up
    const unknownKey = await client(t.app, "not-a-key").get("/api/v1/users?q=smith%00");
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.fields).toEqual([{ field: "q", message: expect.stringContaining("U+0000") }]);
  });

  it("guards the unauthenticated login before any lookup", async () => {
    const inst = await makeInstitution(t.ctx);
    for (const body of [
      { institution: `${inst.code}\u0000`, user_id: "someone", password: "secret" },
      { institution: inst.code, user_id: "some\u0000one", password: "secret" },
      { institution: inst.code, user_id: "someone", password: "se\u0000cret" },
    ]) {
      const res = await client(t.app).post("/api/v1/auth/login", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
      expect(res.body.fields).toHaveLength(1);
    }
  });

  it("answers under /almaws in the platform's envelope, naming the field", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const alma = almaws(() => t.app);
    const res = await alma("GET", "/almaws/v1/users/someone%00/requests", { key });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errorsExist: true,
      errorList: { error: [{ errorCode: "VALIDATION_FAILED", field: "user_id" }] },
    });
    const body = await alma("POST", "/almaws/v1/users/someone/requests?mms_id=1", {
      key,
      body: { request_type: "DIGITIZATION", comment: "a\u0000b" },
    });
    expect(body.status).toBe(400);
    expect(body.body.errorList.error).toEqual([expect.objectContaining({ field: "comment" })]);
  });

  it("refuses a NUL in an object key, showing the key escaped", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const res = await rawJson("PUT", "/api/v1/rule-tables/digitization/default", key, '{"output":{"a\\u0000b":1}}');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: "output.a\\u0000b", message: expect.stringContaining("U+0000") }]);
  });

  it(`refuses a body nested more than ${MAX_BODY_DEPTH} levels deep, which no Recto document is`, async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const depth = 5000;
    const res = await rawJson(
      "PUT",
      "/api/v1/rule-tables/digitization/default",
      key,
      `{"output":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      {
        field: `output${".a".repeat(MAX_BODY_DEPTH - 1)}`,
        message: `is nested more than ${MAX_BODY_DEPTH} levels deep`,
      },
    ]);
  });

  it("leaves file uploads alone: binary content with NUL bytes is accepted", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const marc = Buffer.from(
      '<collection><record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">R1</controlfield>' +
        '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">T</subfield></datafield></record></collection>\u0000',
    );
    const res = await upload(t.app, key, "/api/v1/catalogue/imports?dry_run=true", { name: "one.xml", bytes: marc });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  });

  it("refuses a file name the database cannot store, naming the file field, and writes nothing", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    const marc = Buffer.from(
      '<collection><record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">R1</controlfield>' +
        '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">T</subfield></datafield></record></collection>',
    );
    const res = await upload(t.app, key, "/api/v1/catalogue/imports", { name: "one\u0000.xml", bytes: marc });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.fields).toEqual([{ field: "file", message: expect.stringContaining("U+0000") }]);
    const imports = await t.ctx.db
      .selectFrom("marc_imports")
      .select("id")
      .where("institution_id", "=", inst.id)
      .execute();
    expect(imports).toEqual([]);
  });

  it("refuses a scan whose file name the database cannot store, and attaches nothing", async () => {
    const scene = await deliveryScene(t);
    const title = await makeTitle(t.ctx, scene.inst, { items: 0 });
    const placed = await client(t.app, scene.patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    expect(placed.status).toBe(201);
    const res = await upload(t.app, scene.woo.apiKey, `/api/v1/requests/${placed.body.request_id}/files`, {
      name: "scan\u0000.pdf",
      bytes: samplePdf(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.fields).toEqual([{ field: "file", message: expect.stringContaining("U+0000") }]);
    expect(await countRows(t.ctx, "request_files", scene.inst.id)).toBe(0);
  });
});

describe("findUnstorable", () => {
  it("finds NUL and lone surrogates in strings, keys and arrays, and nothing in good text", () => {
    expect(findUnstorable({ a: ["ok", "x\u0000"], b: { "k\ud800": 1 }, c: "😀 é ß" }, "", "body")).toEqual([
      { field: "a.1", message: expect.stringContaining("U+0000") },
      { field: "b.k\\ud800", message: expect.stringContaining("unpaired surrogate") },
    ]);
    expect(findUnstorable("\u0000", "", "body")).toEqual([{ field: "body", message: expect.any(String) }]);
    expect(findUnstorable({ n: 1, t: true, z: null, s: "fine" }, "", "body")).toEqual([]);
  });
});

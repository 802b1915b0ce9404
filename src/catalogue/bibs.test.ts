import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

describe("bibliographic records API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let patronKey: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    patronKey = (await makeUser(t.ctx, inst)).apiKey;
  });

  it("creates a record with normalised numbers and a page count derived from the extent", async () => {
    const api = client(t.app, adminKey);
    const res = await api.post("/api/v1/bibs", {
      title: "The structure of scientific revolutions",
      author: "Kuhn, Thomas S.",
      publication_year: 1962,
      isbn: "978-0-306-40615-7",
      language: "ENG",
      extent: "xii, 345 p.",
      identifiers: { oclc: "123456", system_numbers: ["(DEMO)1"] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "The structure of scientific revolutions",
      isbn: "9780306406157",
      language: "eng",
      material_type: "BOOK",
      page_count: 357,
      identifiers: { oclc: "123456", system_numbers: ["(DEMO)1"] },
    });
    expect(res.body.mms_id).toMatch(/^\d+$/);
    const read = await api.get(`/api/v1/bibs/${res.body.mms_id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ mms_id: res.body.mms_id, page_count: 357, holdings: [] });
  });

  it("keeps a page count that is given over the extent's", async () => {
    const res = await client(t.app, adminKey).post("/api/v1/bibs", {
      title: "Given",
      extent: "xii, 345 p.",
      page_count: 400,
    });
    expect(res.body.page_count).toBe(400);
  });

  it("refuses a bad ISBN and a bad ISSN with VALIDATION_FAILED on each, and writes nothing", async () => {
    const api = client(t.app, adminKey);
    const title = "Should not exist";
    const res = await api.post("/api/v1/bibs", { title, isbn: "978-0-306-40615-8", issn: "0378-5954" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(["isbn", "issn"]);
    expect((await api.get(`/api/v1/bibs?title=${encodeURIComponent(title)}`)).body.bibs).toEqual([]);
  });

  it("refuses a missing title, an unknown material type and a bad language code", async () => {
    const res = await client(t.app, adminKey).post("/api/v1/bibs", {
      material_type: "PAMPHLET",
      language: "english",
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "language",
      "material_type",
      "title",
    ]);
  });

  it("changes a record, re-deriving the page count from a new extent", async () => {
    const api = client(t.app, adminKey);
    const created = await api.post("/api/v1/bibs", { title: "Before", extent: "100 p." });
    const id = created.body.mms_id;
    const changed = await api.patch(`/api/v1/bibs/${id}`, { title: "After", extent: "x, 200 p.", issn: "03785955" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: "After", page_count: 210, issn: "0378-5955", material_type: "BOOK" });
    const bad = await api.patch(`/api/v1/bibs/${id}`, { isbn: "123" });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: "isbn", message: expect.stringMatching(/10 or 13 digits/) }]);
    expect((await api.get(`/api/v1/bibs/${id}`)).body.isbn).toBeNull();
  });

  it("keeps a full text link: set on create, changed and cleared by a change, shown in the record", async () => {
    const api = client(t.app, adminKey);
    const created = await api.post("/api/v1/bibs", {
      title: "Online too",
      full_text_url: " https://example.org/online.pdf ",
    });
    expect(created.status).toBe(201);
    expect(created.body.full_text_url).toBe("https://example.org/online.pdf");
    const id = created.body.mms_id;
    expect((await api.get(`/api/v1/bibs/${id}`)).body.full_text_url).toBe("https://example.org/online.pdf");
    // a change that does not name it leaves it
    expect((await api.patch(`/api/v1/bibs/${id}`, { edition: "2nd ed." })).body.full_text_url).toBe(
      "https://example.org/online.pdf",
    );
    expect((await api.patch(`/api/v1/bibs/${id}`, { full_text_url: "http://example.org/v2" })).body.full_text_url).toBe(
      "http://example.org/v2",
    );
    expect((await api.patch(`/api/v1/bibs/${id}`, { full_text_url: null })).body.full_text_url).toBeNull();
    expect((await api.get(`/api/v1/bibs/${id}`)).body.full_text_url).toBeNull();
    expect((await api.post("/api/v1/bibs", { title: "Print only" })).body.full_text_url).toBeNull();
  });

  it("refuses a full text link that is not an http or https URL, naming the field", async () => {
    const api = client(t.app, adminKey);
    for (const bad of [
      "ftp://example.org/book",
      "javascript:alert(1)",
      "example.org/book",
      "",
      "http://exa mple.org",
      42,
    ]) {
      const res = await api.post("/api/v1/bibs", { title: "Bad link", full_text_url: bad });
      expect(res.status, String(bad)).toBe(400);
      expect(res.body).toMatchObject({
        code: "VALIDATION_FAILED",
        fields: [{ field: "full_text_url", message: expect.any(String) }],
      });
    }
    const long = await api.post("/api/v1/bibs", {
      title: "Bad link",
      full_text_url: `https://example.org/${"a".repeat(2000)}`,
    });
    expect(long.body.fields).toEqual([{ field: "full_text_url", message: "must be at most 2000 characters" }]);
    const id = (await api.post("/api/v1/bibs", { title: "Kept", full_text_url: "https://example.org/kept" })).body
      .mms_id;
    const patched = await api.patch(`/api/v1/bibs/${id}`, { full_text_url: "mailto:someone@example.org" });
    expect(patched.body.fields).toEqual([{ field: "full_text_url", message: "must be an http or https URL" }]);
    expect((await api.get(`/api/v1/bibs/${id}`)).body.full_text_url).toBe("https://example.org/kept");
    expect((await api.get(`/api/v1/bibs?title=${encodeURIComponent("Bad link")}`)).body.bibs).toEqual([]);
  });

  it("lists records a page at a time with an opaque cursor, filtered by material type and title prefix", async () => {
    const api = client(t.app, adminKey);
    for (const title of ["Maps of Mars", "maps of Venus", "Mapping 100% of_it"]) {
      await api.post("/api/v1/bibs", { title, material_type: "MAP" });
    }
    const first = await api.get("/api/v1/bibs?material_type=MAP&limit=2");
    expect(first.status).toBe(200);
    expect(first.body.bibs).toHaveLength(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api.get(`/api/v1/bibs?material_type=MAP&limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.bibs.map((b: { title: string }) => b.title)).toEqual(["Mapping 100% of_it"]);
    expect(second.body.next_cursor).toBeNull();

    const prefixed = await api.get("/api/v1/bibs?title=MAPS%20OF");
    expect(prefixed.body.bibs.map((b: { title: string }) => b.title)).toEqual(["Maps of Mars", "maps of Venus"]);
    // % and _ are literal characters in a title prefix, not wildcards
    expect((await api.get("/api/v1/bibs?title=Mapping%20100%25%20of_")).body.bibs).toHaveLength(1);
    expect((await api.get("/api/v1/bibs?title=Mapping%20100%25%20o%25")).body.bibs).toHaveLength(0);
  });

  it("refuses a cursor it did not give out", async () => {
    const res = await client(t.app, adminKey).get("/api/v1/bibs?cursor=not-a-cursor");
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: "cursor", message: expect.any(String) }]);
  });

  it("lets a patron read but not create or change records", async () => {
    const api = client(t.app, patronKey);
    const created = await client(t.app, adminKey).post("/api/v1/bibs", { title: "Readable" });
    expect((await api.get(`/api/v1/bibs/${created.body.mms_id}`)).status).toBe(200);
    expect((await api.get("/api/v1/bibs")).status).toBe(200);
    const post = await api.post("/api/v1/bibs", { title: "Nope" });
    expect(post.status).toBe(403);
    expect(post.body.code).toBe("FORBIDDEN");
    const patch = await api.patch(`/api/v1/bibs/${created.body.mms_id}`, { title: "Nope" });
    expect(patch.status).toBe(403);
  });

  it("refuses staff without catalogue.manage", async () => {
    const letters = await makeUser(t.ctx, inst, { roles: [{ role: "LETTER_ADMINISTRATOR" }] });
    const res = await client(t.app, letters.apiKey).post("/api/v1/bibs", { title: "Nope" });
    expect(res.status).toBe(403);
  });

  it("answers 404 for another institution's record and never lists it", async () => {
    const other = await makeInstitution(t.ctx);
    const otherAdmin = await admin(t.ctx, other);
    const theirs = await client(t.app, otherAdmin.apiKey).post("/api/v1/bibs", { title: "Theirs only" });
    const api = client(t.app, adminKey);
    const read = await api.get(`/api/v1/bibs/${theirs.body.mms_id}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe("NOT_FOUND");
    expect((await api.patch(`/api/v1/bibs/${theirs.body.mms_id}`, { title: "Mine" })).status).toBe(404);
    expect((await api.get(`/api/v1/bibs/${theirs.body.mms_id}/holdings`)).status).toBe(404);
    expect((await api.get("/api/v1/bibs?title=Theirs")).body.bibs).toEqual([]);
  });

  it("answers 400 for an id that is not a number, and 401 without credentials", async () => {
    expect((await client(t.app, adminKey).get("/api/v1/bibs/abc")).status).toBe(400);
    expect((await client(t.app).get("/api/v1/bibs")).status).toBe(401);
  });
});

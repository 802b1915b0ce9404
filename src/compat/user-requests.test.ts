import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  countRows,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { addOnPayload, almaws, errorShape } from "../../test/almaws.js";

const t = useTestApp();
const alma = almaws(() => t.app);

const requestCount = (instId: number) => countRows(t.ctx, "requests", instId);

describe("POST /almaws/v1/users/{user_id}/requests", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  it("places a discovery add-on's request by item_pid, with the API key in the query", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?item_pid=${title.itemIds[0]}`, {
      key: patron.apiKey,
      keyIn: "query",
      body: addOnPayload,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      request_id: expect.stringMatching(/^\d+$/),
      user_primary_id: patron.primaryId,
      request_type: "DIGITIZATION",
      request_sub_type: { value: "PATRON_DIGITIZATION", desc: "Patron digitization request" },
      request_status: "IN_PROCESS",
      recto_state: "PICK_FROM_SHELF",
      task_name: "Pickup From Shelf",
      mms_id: String(title.mmsId),
      item_id: String(title.itemIds[0]),
      barcode: title.barcodes[0],
      title: expect.stringMatching(/^Title /),
      target_destination: { value: "DIGI_DEPT_INST", desc: "Digitization Department For Institution" },
      managed_by_library: "MAIN Library",
      managed_by_library_code: "MAIN",
      request_date: "2026-03-02Z",
      request_time: "2026-03-02T09:00:00.000Z",
      expiry_date: "2026-03-16Z",
      partial_digitization: true,
      required_pages_range: [{ from_page: "1", to_page: "6" }],
      chapter_or_article_title: "On the shortness of life",
      chapter_or_article_author: "Seneca",
      volume: "2",
      comment: "For my seminar",
      last_interest_date: "2026-05-01Z",
      copyrights_declaration_signed_by_patron: true,
      request_source: "api",
    });
    // Recto keeps the date without the platform's Z, and its own API sees the same request.
    const own = await client(t.app, patron.apiKey).get(`/api/v1/requests/${res.body.request_id}`);
    expect(own.body).toMatchObject({ last_interest_date: "2026-05-01", request_source: "api", pages_requested: 6 });
  });

  it("places by mms_id only, with the API key in the Authorization header", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: patron.apiKey,
      body: { request_type: "DIGITIZATION", full_chapter: "true", chapter_or_article_title: "Chapter 3" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mms_id: String(title.mmsId),
      item_id: String(title.itemIds[0]),
      full_chapter: true,
      recto_state: "PICK_FROM_SHELF",
    });
  });

  it("accepts item_pid together with its own mms_id, and refuses an item of another title", async () => {
    const title = await makeTitle(t.ctx, inst);
    const other = await makeTitle(t.ctx, inst);
    const url = `/almaws/v1/users/${patron.primaryId}/requests`;
    const ok = await alma("POST", `${url}?mms_id=${title.mmsId}&item_pid=${title.itemIds[0]}`, {
      key: patron.apiKey,
      body: addOnPayload,
    });
    expect(ok.status).toBe(200);
    const before = await requestCount(inst.id);
    const wrong = await alma("POST", `${url}?mms_id=${other.mmsId}&item_pid=${title.itemIds[0]}`, {
      key: patron.apiKey,
      body: addOnPayload,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject(errorShape("VALIDATION_FAILED"));
    expect(wrong.body.errorList.error[0].field).toBe("item_pid");
    expect(await requestCount(inst.id)).toBe(before);
  });

  it("places a title-level request with pickup_location_library when the title has no holdings", async () => {
    const title = await makeTitle(t.ctx, inst, { holdings: false });
    const res = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: patron.apiKey,
      body: { ...addOnPayload, pickup_location_library: "LAW" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      request_sub_type: { value: "GENERAL_DIGITIZATION" },
      request_status: "IN_PROCESS",
      recto_state: "IN_DIGITIZATION",
      task_name: "Digitization",
      managed_by_library_code: "LAW",
    });
    expect(res.body.item_id).toBeUndefined();
  });

  it("lets a Fulfillment Services Operator place for a patron and choose the place; a patron may not choose", async () => {
    const fso = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const other = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const target = { target_destination: { value: "DIGI_DEPT_INST", desc: "Digitization" } };
    const forPatron = await alma("POST", `/almaws/v1/users/${other.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: fso.apiKey,
      body: { ...addOnPayload, ...target },
    });
    expect(forPatron.status).toBe(200);
    expect(forPatron.body).toMatchObject({
      user_primary_id: other.primaryId,
      target_destination: { value: "DIGI_DEPT_INST" },
    });
    const self = await alma("POST", `/almaws/v1/users/${other.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: other.apiKey,
      body: { ...addOnPayload, ...target },
    });
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject(errorShape("FORBIDDEN"));
  });

  it("answers 404 when a patron names another user, or a user or item that does not exist", async () => {
    const other = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const before = await requestCount(inst.id);
    const someoneElse = await alma("POST", `/almaws/v1/users/${other.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: patron.apiKey,
      body: addOnPayload,
    });
    expect(someoneElse.status).toBe(404);
    expect(someoneElse.body).toMatchObject(errorShape("NOT_FOUND"));
    const ghost = await alma("POST", `/almaws/v1/users/nobody/requests?mms_id=${title.mmsId}`, {
      key: patron.apiKey,
      body: addOnPayload,
    });
    expect(ghost.body.errorList.error[0].errorMessage).toBe(someoneElse.body.errorList.error[0].errorMessage);
    const foreign = await makeTitle(t.ctx, await makeInstitution(t.ctx));
    const foreignItem = await alma(
      "POST",
      `/almaws/v1/users/${patron.primaryId}/requests?item_pid=${foreign.itemIds[0]}`,
      {
        key: patron.apiKey,
        body: addOnPayload,
      },
    );
    expect(foreignItem.status).toBe(404);
    expect(foreignItem.body).toMatchObject(errorShape("NOT_FOUND"));
    expect(await requestCount(inst.id)).toBe(before);
  });

  it("refuses bad input in the platform's error shape and writes nothing", async () => {
    const title = await makeTitle(t.ctx, inst);
    const url = `/almaws/v1/users/${patron.primaryId}/requests`;
    const before = await requestCount(inst.id);
    const post = (query: string, body: unknown) => alma("POST", `${url}${query}`, { key: patron.apiKey, body });

    const hold = await post(`?mms_id=${title.mmsId}`, { ...addOnPayload, request_type: "HOLD" });
    expect(hold.status).toBe(400);
    expect(hold.body).toMatchObject(errorShape("VALIDATION_FAILED"));
    expect(hold.body.errorList.error[0]).toMatchObject({
      field: "request_type",
      errorMessage: expect.stringContaining("DIGITIZATION"),
    });

    const nowhere = await post("", addOnPayload);
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errorList.error[0]).toMatchObject({ errorCode: "VALIDATION_FAILED", field: "mms_id" });

    const backwards = await post(`?mms_id=${title.mmsId}`, {
      ...addOnPayload,
      required_pages_range: [{ from_page: "30", to_page: "xii" }],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errorList.error[0].field).toBe("required_pages_range.0.from_page");

    const badDate = await post(`?mms_id=${title.mmsId}`, { ...addOnPayload, last_interest_date: "2026-02-30Z" });
    expect(badDate.body.errorList.error[0].field).toBe("last_interest_date");
    const pastDate = await post(`?mms_id=${title.mmsId}`, { ...addOnPayload, last_interest_date: "2026-01-01Z" });
    expect(pastDate.body.errorList.error[0]).toMatchObject({
      field: "last_interest_date",
      errorMessage: expect.stringContaining("past"),
    });

    const malformed = await alma("POST", `${url}?mms_id=${title.mmsId}`, { key: patron.apiKey, rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject(errorShape("MALFORMED_BODY"));

    expect(await requestCount(inst.id)).toBe(before);
  });

  it("answers 401 in the platform's shape without a key or with a bad one", async () => {
    const title = await makeTitle(t.ctx, inst);
    const url = `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`;
    const none = await alma("POST", url, { body: addOnPayload });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject(errorShape("UNAUTHENTICATED"));
    const badQuery = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests`, {
      key: "nope",
      keyIn: "query",
    });
    expect(badQuery.status).toBe(401);
    expect(badQuery.body).toMatchObject(errorShape("UNAUTHENTICATED"));
    const badHeader = await alma("POST", url, { key: "nope", body: addOnPayload });
    expect(badHeader.status).toBe(401);
    expect(badHeader.body).toMatchObject(errorShape("UNAUTHENTICATED"));
  });
});

describe("the /almaws envelope", () => {
  it("answers unknown URLs under /almaws in the platform's shape, and leaves /api/v1 in Recto's", async () => {
    const unknown = await alma("GET", "/almaws/v1/bibs/1/holdings");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject(errorShape("ROUTE_NOT_FOUND"));
    const otherVersion = await alma("GET", "/almaws/v2/users/x/requests");
    expect(otherVersion.body).toMatchObject(errorShape("ROUTE_NOT_FOUND"));
    const badKeyUnknown = await alma("GET", "/almaws/v1/nothing", { key: "nope" });
    expect(badKeyUnknown.status).toBe(401);
    expect(badKeyUnknown.body).toMatchObject(errorShape("UNAUTHENTICATED"));
    const recto = await client(t.app).get("/api/v1/requests");
    expect(recto.status).toBe(401);
    expect(recto.body).toEqual({ code: "UNAUTHENTICATED", message: expect.any(String) });
    const rectoUnknown = await client(t.app).get("/api/v1/nothing");
    expect(rectoUnknown.body.code).toBe("ROUTE_NOT_FOUND");
  });

  it("describes the routes in the OpenAPI document under their own tag", async () => {
    const doc = (await client(t.app).get("/api/openapi.json")).body;
    const paths = doc.paths as Record<string, Record<string, { tags: string[]; summary: string }>>;
    expect(Object.keys(paths["/almaws/v1/users/{user_id}/requests"]!).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/almaws/v1/users/{user_id}/requests/{request_id}"]!).sort()).toEqual(["delete", "get"]);
    for (const op of [
      ...Object.values(paths["/almaws/v1/users/{user_id}/requests"]!),
      ...Object.values(paths["/almaws/v1/users/{user_id}/requests/{request_id}"]!),
    ]) {
      expect(op.tags).toEqual(["Compatibility (almaws)"]);
      expect(op.summary.length).toBeGreaterThan(10);
    }
  });
});

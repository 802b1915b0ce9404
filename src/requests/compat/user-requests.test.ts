import type { InjectOptions } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/api.js";
import {
  countRows,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";

const t = useTestApp();

/** Calls /almaws the way the platform's clients do: API key in the header, in the query, or absent. */
async function alma(
  method: InjectOptions["method"],
  url: string,
  o: { key?: string; keyIn?: "header" | "query"; body?: unknown; rawBody?: string } = {},
) {
  const headers: Record<string, string> = {};
  let target = url;
  if (o.key && o.keyIn === "query") target += `${url.includes("?") ? "&" : "?"}apikey=${o.key}`;
  else if (o.key) headers.authorization = `apikey ${o.key}`;
  if (o.rawBody !== undefined) headers["content-type"] = "application/json";
  const res = await t.app.inject({
    method,
    url: target,
    headers,
    ...(o.body !== undefined ? { payload: o.body as InjectOptions["payload"] } : {}),
    ...(o.rawBody !== undefined ? { payload: o.rawBody } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
}

/** What a discovery add-on sends: the form plus fields Recto has no use for. */
const addOnPayload = {
  request_type: "DIGITIZATION",
  request_sub_type: { value: "PHYSICAL_TO_DIGITIZATION" },
  pickup_location_type: "LIBRARY",
  task_name: "Patron physical item request",
  material_type: { value: "BK" },
  partial_digitization: true,
  required_pages_range: [{ from_page: "1", to_page: "6" }],
  chapter_or_article_title: "On the shortness of life",
  chapter_or_article_author: "Seneca",
  volume: "2",
  comment: "For my seminar",
  last_interest_date: "2026-05-01Z",
  copyrights_declaration_signed_by_patron: true,
};

const errorShape = (code: string) => ({
  errorsExist: true,
  errorList: {
    error: expect.arrayContaining([expect.objectContaining({ errorCode: code, trackingId: expect.any(String) })]),
  },
  result: null,
});

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

describe("reading and cancelling a user's requests", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  let ids: string[];
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    ids = [];
    for (let i = 0; i < 3; i++) {
      const title = await makeTitle(t.ctx, inst);
      const res = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`, {
        key: patron.apiKey,
        body: addOnPayload,
      });
      ids.push(res.body.request_id);
    }
  });

  const list = (user: string, key: string, query = "") =>
    alma("GET", `/almaws/v1/users/${user}/requests?request_type=DIGITIZATION${query}`, { key });

  it("cancels with a reason and a note; the list moves it from active to history", async () => {
    const res = await alma(
      "DELETE",
      `/almaws/v1/users/${patron.primaryId}/requests/${ids[0]}?reason=CancelledAtPatronRequest&note=Found%20it%20online`,
      { key: patron.apiKey },
    );
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();

    const active = await list(patron.primaryId, patron.apiKey, "&status=active");
    expect(active.status).toBe(200);
    expect(active.body.total_record_count).toBe(2);
    expect(active.body.user_request.map((r: any) => r.request_id)).toEqual([ids[2], ids[1]]);

    const history = await list(patron.primaryId, patron.apiKey, "&status=history");
    expect(history.body).toMatchObject({
      total_record_count: 1,
      user_request: [
        {
          request_id: ids[0],
          request_status: "HISTORY",
          recto_state: "CANCELLED",
          task_name: "Cancelled",
          cancel_reason: "CancelledAtPatronRequest",
          cancel_note: "Found it online",
        },
      ],
    });
    const again = await alma("DELETE", `/almaws/v1/users/${patron.primaryId}/requests/${ids[0]}`, {
      key: patron.apiKey,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject(errorShape("INVALID_STATE_TRANSITION"));
  });

  it("defaults the reason, and refuses one that is not a code", async () => {
    const title = await makeTitle(t.ctx, inst);
    const placed = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: patron.apiKey,
      body: addOnPayload,
    });
    const url = `/almaws/v1/users/${patron.primaryId}/requests/${placed.body.request_id}`;
    const bad = await alma("DELETE", `${url}?reason=not%20a%20code`, { key: patron.apiKey });
    expect(bad.status).toBe(400);
    expect(bad.body.errorList.error[0]).toMatchObject({ errorCode: "VALIDATION_FAILED", field: "reason" });
    expect((await alma("GET", url, { key: patron.apiKey })).body.recto_state).toBe("PICK_FROM_SHELF");
    expect((await alma("DELETE", url, { key: patron.apiKey })).status).toBe(204);
    const after = await alma("GET", url, { key: patron.apiKey, keyIn: "query" });
    expect(after.body).toMatchObject({ recto_state: "CANCELLED", cancel_reason: "CancelledAtPatronRequest" });
    expect(after.body.cancel_note).toBeUndefined();
  });

  it("pages with limit and offset, and lists nothing for request types Recto does not hold", async () => {
    const first = await list(patron.primaryId, patron.apiKey, "&limit=1&offset=0");
    const second = await list(patron.primaryId, patron.apiKey, "&limit=1&offset=1");
    expect(first.body.user_request).toHaveLength(1);
    expect(second.body.user_request).toHaveLength(1);
    expect(first.body.total_record_count).toBe(second.body.total_record_count);
    expect(first.body.user_request[0].request_id).not.toBe(second.body.user_request[0].request_id);
    const holds = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests?request_type=HOLD`, {
      key: patron.apiKey,
    });
    expect(holds.body).toEqual({ user_request: [], total_record_count: 0 });
    const tooMany = await list(patron.primaryId, patron.apiKey, "&limit=500");
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errorList.error[0]).toMatchObject({ errorCode: "VALIDATION_FAILED", field: "limit" });
  });

  it("reads one request of the user", async () => {
    const res = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests/${ids[1]}`, { key: patron.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      request_id: ids[1],
      user_primary_id: patron.primaryId,
      request_status: "IN_PROCESS",
      recto_state: "PICK_FROM_SHELF",
      required_pages_range: [{ from_page: "1", to_page: "6" }],
    });
    expect(res.body.cancel_reason).toBeUndefined();
  });

  it("answers 404 for another user's id, an unknown request, and a request of another user", async () => {
    const other = await makeUser(t.ctx, inst);
    const asOther = (method: InjectOptions["method"], url: string) => alma(method, url, { key: other.apiKey });
    for (const res of [
      await asOther("GET", `/almaws/v1/users/${patron.primaryId}/requests`),
      await asOther("GET", `/almaws/v1/users/${patron.primaryId}/requests/${ids[1]}`),
      await asOther("DELETE", `/almaws/v1/users/${patron.primaryId}/requests/${ids[1]}`),
      await asOther("GET", `/almaws/v1/users/${other.primaryId}/requests/${ids[1]}`),
      await asOther("DELETE", `/almaws/v1/users/${other.primaryId}/requests/${ids[1]}`),
      await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests/999999999`, { key: patron.apiKey }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject(errorShape("NOT_FOUND"));
    }
    const still = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests/${ids[1]}`, { key: patron.apiKey });
    expect(still.body.recto_state).toBe("PICK_FROM_SHELF");
  });

  it("lets fulfillment staff read and cancel for a patron; other staff roles cannot name a patron", async () => {
    const fso = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const listed = await list(patron.primaryId, fso.apiKey);
    expect(listed.status).toBe(200);
    expect(listed.body.total_record_count).toBeGreaterThanOrEqual(2);
    const cancelled = await alma(
      "DELETE",
      `/almaws/v1/users/${patron.primaryId}/requests/${ids[2]}?reason=CannotBeFulfilled&note=Item%20missing`,
      { key: fso.apiKey },
    );
    expect(cancelled.status).toBe(204);
    const picker = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "REQUESTS_OPERATOR" }] });
    const refused = await list(patron.primaryId, picker.apiKey);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject(errorShape("NOT_FOUND"));
  });

  it("does not reach requests of another institution", async () => {
    const otherInst = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, otherInst, {
      group: "STAFF",
      roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }, { role: "FULFILLMENT_SERVICES_OPERATOR" }],
    });
    const res = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests/${ids[1]}`, { key: stranger.apiKey });
    expect(res.status).toBe(404);
    const del = await alma("DELETE", `/almaws/v1/users/${patron.primaryId}/requests/${ids[1]}`, {
      key: stranger.apiKey,
    });
    expect(del.status).toBe(404);
    expect(del.body).toMatchObject(errorShape("NOT_FOUND"));
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

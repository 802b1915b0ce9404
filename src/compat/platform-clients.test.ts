import { beforeAll, describe, expect, it } from "vitest";
import { addOnPayload, almaws, errorShape } from "../../test/almaws.js";
import { client } from "../../test/api.js";
import {
  admin,
  countRows,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

/*
 * The request shapes that public integrations of the reference platform send (hardening issue,
 * items 13, 14, 17 and 18): pages only in the comment, timestamps as dates, a caller who sees
 * the user but may not place for them, and a cancellation without the letter.
 */

const t = useTestApp();
const alma = almaws(() => t.app);

const { required_pages_range: _ranges, comment: _comment, chapter_or_article_title: _title, ...noPart } = addOnPayload;

describe("13: a partial request whose pages are only in the comment", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  let staff: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    staff = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    });
  });

  const place = async (body: Record<string, unknown>) => {
    const title = await makeTitle(t.ctx, inst);
    return alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?item_pid=${title.itemIds[0]}`, {
      key: patron.apiKey,
      body,
    });
  };

  it.each([
    ["empty range entries", [{ from_page: "", to_page: "" }]],
    ["entries without from/to", [{}, { from_page: " ", to_page: null }]],
    ["an empty list", []],
    ["no ranges at all", undefined],
  ])("accepts %s when the comment names the pages, and staff see the comment", async (_what, ranges) => {
    const comment = "pp. 12-30 and the index";
    const res = await place({
      ...noPart,
      partial_digitization: true,
      comment,
      ...(ranges === undefined ? {} : { required_pages_range: ranges }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ partial_digitization: true, comment, recto_state: "PICK_FROM_SHELF" });
    expect(res.body.required_pages_range).toBeUndefined();
    const seen = await client(t.app, staff.apiKey).get(`/api/v1/requests/${res.body.request_id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ comment, partial_digitization: true, pages_requested: null });
  });

  it.each([
    ["empty range entries", { required_pages_range: [{ from_page: "", to_page: "" }] }],
    ["an empty list", { required_pages_range: [] }],
    ["no ranges", {}],
    ["a blank comment", { required_pages_range: [], comment: "   " }],
  ])("refuses %s without a comment, with one error naming the field", async (_what, extra) => {
    const before = await countRows(t.ctx, "requests", inst.id);
    const res = await place({ ...noPart, partial_digitization: true, ...extra });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(errorShape("VALIDATION_FAILED"));
    expect(res.body.errorList.error).toHaveLength(1);
    expect(res.body.errorList.error[0]).toMatchObject({
      field: "required_pages_range",
      errorMessage: expect.stringContaining("comment"),
    });
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
  });

  it("still refuses a range with only one end, at that end", async () => {
    const res = await place({ ...noPart, comment: "x", required_pages_range: [{ from_page: "5", to_page: "" }] });
    expect(res.status).toBe(400);
    expect(res.body.errorList.error.map((e: any) => e.field)).toEqual(["required_pages_range.0.to_page"]);
  });

  it("keeps Recto's own API strict: its form sends page ranges, which the page cap and the rules need", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: true,
      required_pages_range: [],
      comment: "pp. 12-30",
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: "required_pages_range", message: expect.any(String) }]);
  });
});

describe("14: last_interest_date in the forms the platform's clients send", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  const place = async (last_interest_date: unknown) => {
    const title = await makeTitle(t.ctx, inst);
    return alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: patron.apiKey,
      body: { ...addOnPayload, last_interest_date },
    });
  };

  it.each([
    "2026-03-20",
    "2026-03-20Z",
    "2026-03-20T00:00:00Z",
    "2026-03-20T00:00:00.000Z",
    "2026-03-20T10:15:00.000+01:00",
    "2026-03-20T23:30:00-05:00",
    " 2026-03-20t10:15:00z ",
  ])("accepts %s and stores the date", async (date) => {
    const res = await place(date);
    expect(res.status).toBe(200);
    expect(res.body.last_interest_date).toBe("2026-03-20Z");
    const own = await client(t.app, patron.apiKey).get(`/api/v1/requests/${res.body.request_id}`);
    expect(own.body.last_interest_date).toBe("2026-03-20");
  });

  it("treats an empty date as not given", async () => {
    const res = await place("");
    expect(res.status).toBe(200);
    expect(res.body.last_interest_date).toBeUndefined();
  });

  it.each([
    "2026-02-30Z",
    "2026-02-30T00:00:00Z",
    "20-03-2026",
    "2026-03-20T25:00:00Z",
    "2026-03-20T10:15",
    "2026-03-20T10:15:00+25:00",
    "2026-03-20ZZ",
    "tomorrow",
    20260320,
  ])("refuses %s with exactly one error for the field", async (date) => {
    const before = await countRows(t.ctx, "requests", inst.id);
    const res = await place(date);
    expect(res.status).toBe(400);
    expect(res.body.errorList.error).toEqual([
      expect.objectContaining({ errorCode: "VALIDATION_FAILED", field: "last_interest_date" }),
    ]);
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
  });

  it("refuses a date in the past, once", async () => {
    const res = await place("2026-03-01T23:59:59Z");
    expect(res.status).toBe(400);
    expect(res.body.errorList.error).toEqual([
      expect.objectContaining({ field: "last_interest_date", errorMessage: expect.stringContaining("past") }),
    ]);
  });

  it("gives one error for a bad date on Recto's own API too", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      required_pages_range: [{ from_page: "1", to_page: "2" }],
      last_interest_date: "soon",
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: "last_interest_date", message: expect.any(String) }]);
  });
});

describe("17: a caller who sees the user but may not place for them", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  it("answers 403 naming the role to a General System Administrator, who can read the user", async () => {
    const gsa = await admin(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const before = await countRows(t.ctx, "requests", inst.id);
    const url = `/almaws/v1/users/${patron.primaryId}/requests`;
    const reads = await alma("GET", url, { key: gsa.apiKey });
    expect(reads.status).toBe(200);
    const res = await alma("POST", `${url}?mms_id=${title.mmsId}`, { key: gsa.apiKey, body: addOnPayload });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject(errorShape("FORBIDDEN"));
    expect(res.body.errorList.error[0].errorMessage).toContain("Fulfillment Services Operator");
    const native = await client(t.app, gsa.apiKey).post("/api/v1/requests", {
      user_id: patron.primaryId,
      mms_id: title.mmsId,
      required_pages_range: [{ from_page: "1", to_page: "2" }],
    });
    expect(native.status).toBe(403);
    expect(native.body).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Fulfillment Services Operator"),
    });
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
  });

  it("answers 403 to a Fulfillment Services Manager too, and still 404 to staff who cannot see users", async () => {
    const manager = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_MANAGER" }],
    });
    const title = await makeTitle(t.ctx, inst);
    const url = `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`;
    const managed = await alma("POST", url, { key: manager.apiKey, body: addOnPayload });
    expect(managed.status).toBe(403);
    expect(managed.body.errorList.error[0].errorMessage).toContain("Fulfillment Services Operator");

    const picker = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const hidden = await alma("POST", url, { key: picker.apiKey, body: addOnPayload });
    expect(hidden.status).toBe(404);
    const ghost = await alma("POST", `/almaws/v1/users/nobody/requests?mms_id=${title.mmsId}`, {
      key: picker.apiKey,
      body: addOnPayload,
    });
    expect(ghost.body.errorList.error[0].errorMessage).toBe(hidden.body.errorList.error[0].errorMessage);
    const nativeHidden = await client(t.app, picker.apiKey).post("/api/v1/requests", {
      user_id: patron.primaryId,
      mms_id: title.mmsId,
      required_pages_range: [{ from_page: "1", to_page: "2" }],
    });
    expect(nativeHidden.status).toBe(404);
    // a manager who names a user that does not exist learns nothing either
    const managerGhost = await alma("POST", `/almaws/v1/users/nobody/requests?mms_id=${title.mmsId}`, {
      key: manager.apiKey,
      body: addOnPayload,
    });
    expect(managerGhost.status).toBe(404);
  });

  it("names the library when an operator's roles do not cover the item's", async () => {
    const fso = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const law = await makeTitle(t.ctx, inst, { library: "law" });
    const res = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${law.mmsId}`, {
      key: fso.apiKey,
      body: addOnPayload,
    });
    expect(res.status).toBe(403);
    expect(res.body.errorList.error[0].errorMessage).toMatch(/Fulfillment Services Operator.*LAW/);
  });
});

describe("18: cancelling with notify_user", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  const placed = async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await alma("POST", `/almaws/v1/users/${patron.primaryId}/requests?mms_id=${title.mmsId}`, {
      key: patron.apiKey,
      body: addOnPayload,
    });
    expect(res.status).toBe(200);
    return res.body.request_id as string;
  };
  const cancelLetters = async (requestId: string) =>
    (
      await t.ctx.db
        .selectFrom("outbox")
        .select("id")
        .where("request_id", "=", Number(requestId))
        .where("topic", "=", "request_cancelled")
        .execute()
    ).length;
  const cancelEvent = async (requestId: string) => {
    const history = await client(t.app, patron.apiKey).get(`/api/v1/requests/${requestId}/history`);
    return history.body.events.find((e: any) => e.action === "cancel");
  };

  it("cancels without the letter when notify_user=false, and the history says the patron was not told", async () => {
    const id = await placed();
    const res = await alma(
      "DELETE",
      `/almaws/v1/users/${patron.primaryId}/requests/${id}?notify_user=false&reason=CannotBeFulfilled&note=Item%20lost`,
      { key: patron.apiKey },
    );
    expect(res.status).toBe(204);
    expect(await cancelLetters(id)).toBe(0);
    expect(await cancelEvent(id)).toMatchObject({
      reason: "CannotBeFulfilled",
      note: "Item lost",
      data: { patron_notified: false },
    });
    const read = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests/${id}`, { key: patron.apiKey });
    expect(read.body).toMatchObject({
      recto_state: "CANCELLED",
      cancel_reason: "CannotBeFulfilled",
      cancel_note: "Item lost",
    });
  });

  it.each([["?notify_user=true"], ["?notify_user=TRUE"], [""]])("sends the letter with %s", async (query) => {
    const id = await placed();
    const res = await alma("DELETE", `/almaws/v1/users/${patron.primaryId}/requests/${id}${query}`, {
      key: patron.apiKey,
    });
    expect(res.status).toBe(204);
    expect(await cancelLetters(id)).toBe(1);
    expect((await cancelEvent(id)).data.patron_notified).toBeUndefined();
  });

  it("refuses a notify_user that is not true or false, with one error, and cancels nothing", async () => {
    const id = await placed();
    const res = await alma("DELETE", `/almaws/v1/users/${patron.primaryId}/requests/${id}?notify_user=maybe`, {
      key: patron.apiKey,
    });
    expect(res.status).toBe(400);
    expect(res.body.errorList.error).toEqual([expect.objectContaining({ field: "notify_user" })]);
    const read = await alma("GET", `/almaws/v1/users/${patron.primaryId}/requests/${id}`, { key: patron.apiKey });
    expect(read.body.recto_state).not.toBe("CANCELLED");
  });

  it("offers notify_user on Recto's own cancel too", async () => {
    const quiet = await placed();
    const res = await client(t.app, patron.apiKey).post(`/api/v1/requests/${quiet}/cancel`, {
      reason: "Found it elsewhere",
      notify_user: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.request_status).toBe("CANCELLED");
    expect(await cancelLetters(quiet)).toBe(0);
    expect((await cancelEvent(quiet)).data).toEqual({ patron_notified: false });

    const told = await placed();
    const loud = await client(t.app, patron.apiKey).post(`/api/v1/requests/${told}/cancel`, {
      reason: "Found it elsewhere",
      notify_user: true,
    });
    expect(loud.status).toBe(200);
    expect(await cancelLetters(told)).toBe(1);

    const bad = await placed();
    const wrong = await client(t.app, patron.apiKey).post(`/api/v1/requests/${bad}/cancel`, {
      reason: "x",
      notify_user: "no",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual([expect.objectContaining({ field: "notify_user" })]);
  });
});

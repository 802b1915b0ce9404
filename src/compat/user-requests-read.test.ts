import type { InjectOptions } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { addOnPayload, almaws, errorShape } from "../../test/almaws.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();
const alma = almaws(() => t.app);

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

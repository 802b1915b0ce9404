import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { insertRequestAt } from "../../test/request-fixture.js";
import { enqueue } from "./enqueue.js";
import { PermanentDeliveryError } from "./outbox.js";
import { processOutbox } from "./process-outbox.js";

const t = useTestApp();

const add = (inst: InstitutionFixture, topic: string, requestId: number | null = null) =>
  t.ctx.db
    .transaction()
    .execute((tx) =>
      enqueue(tx, { institutionId: inst.id, kind: "letter", topic, requestId, payload: { topic } }, t.ctx.clock.now()),
    );

describe("outbox API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let patronKey: string;
  let requestId: number;
  let pendingId: number;
  let failedId: number;
  let doneId: number;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    const patron = await makeUser(t.ctx, inst);
    patronKey = patron.apiKey;
    requestId = await insertRequestAt(t.ctx, inst, patron.id, { departmentId: inst.departments.inst });
    doneId = await add(inst, "request_received", requestId);
    failedId = await add(inst, "digitization_notification_item", requestId);
    const now = t.ctx.clock.now();
    await processOutbox(
      t.ctx,
      {
        letter: async (m) => {
          if (m.id === failedId) throw new PermanentDeliveryError("The patron has no email address.");
        },
      },
      { now, institutionId: inst.id },
    );
    pendingId = await add(inst, "request_cancelled");
  });

  it("lists the institution's messages newest first, with attempts and errors", async () => {
    const other = await makeInstitution(t.ctx);
    await add(other, "request_received");
    const res = await client(t.app, adminKey).get("/api/v1/outbox");
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: any) => m.id)).toEqual([pendingId, failedId, doneId]);
    expect(res.body.messages[1]).toMatchObject({
      kind: "letter",
      topic: "digitization_notification_item",
      request_id: requestId,
      payload: { topic: "digitization_notification_item" },
      status: "failed",
      attempts: 1,
      last_error: "The patron has no email address.",
    });
    expect(res.body.messages[2]).toMatchObject({ status: "done", processed_at: expect.any(String) });
  });

  it("filters by status and by request", async () => {
    const api = client(t.app, adminKey);
    const failed = await api.get("/api/v1/outbox?status=failed");
    expect(failed.body.messages.map((m: any) => m.id)).toEqual([failedId]);
    const forRequest = await api.get(`/api/v1/outbox?request_id=${requestId}`);
    expect(forRequest.body.messages.map((m: any) => m.id)).toEqual([failedId, doneId]);
    const limited = await api.get("/api/v1/outbox?limit=1");
    expect(limited.body.messages.map((m: any) => m.id)).toEqual([pendingId]);
    // A key in the URL is refused outside /almaws (it would be logged): the header is the way.
    const keyInQuery = await client(t.app).get(`/api/v1/outbox?status=failed&apikey=${adminKey}`);
    expect(keyInQuery.status).toBe(401);
    expect(keyInQuery.body.message).toMatch(/Authorization/);
  });

  it("refuses an unknown status with VALIDATION_FAILED naming the field", async () => {
    const res = await client(t.app, adminKey).get("/api/v1/outbox?status=lost");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "status" }] });
  });

  it("retries a failed message: pending again, due now, with fresh attempts; the worker then sends it", async () => {
    const fulfillmentAdmin = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }],
    });
    t.clock.set("2026-03-02T12:00:00.000Z");
    const res = await client(t.app, fulfillmentAdmin.apiKey).post(`/api/v1/outbox/${failedId}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: failedId,
      status: "pending",
      attempts: 0,
      next_attempt_at: "2026-03-02T12:00:00.000Z",
      processed_at: null,
      last_error: "The patron has no email address.",
    });
    const sent: number[] = [];
    await processOutbox(
      t.ctx,
      { letter: async (m) => void sent.push(m.id) },
      { now: t.clock.now(), institutionId: inst.id },
    );
    expect(sent).toContain(failedId);
    const after = await client(t.app, adminKey).get(`/api/v1/outbox?request_id=${requestId}&status=done`);
    expect(after.body.messages.map((m: any) => m.id)).toEqual([failedId, doneId]);
  });

  it("refuses to retry a message that has not failed (OUTBOX_NOT_FAILED) and changes nothing", async () => {
    const id = await add(inst, "request_cancelled");
    const res = await client(t.app, adminKey).post(`/api/v1/outbox/${id}/retry`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "OUTBOX_NOT_FAILED", details: { status: "pending" } });
    const row = await t.ctx.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("lets a letter administrator read the outbox", async () => {
    const letters = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "LETTER_ADMINISTRATOR" }] });
    expect((await client(t.app, letters.apiKey).get("/api/v1/outbox")).status).toBe(200);
  });

  it("refuses a patron and staff without letter or fulfillment administration", async () => {
    const operator = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    for (const key of [patronKey, operator.apiKey]) {
      const list = await client(t.app, key).get("/api/v1/outbox");
      expect(list.status).toBe(403);
      expect(list.body.code).toBe("FORBIDDEN");
      const retry = await client(t.app, key).post(`/api/v1/outbox/${failedId}/retry`);
      expect(retry.status).toBe(403);
    }
  });

  it("answers 404 for another institution's message, never revealing it", async () => {
    const other = await makeInstitution(t.ctx);
    const id = await add(other, "request_received");
    const res = await client(t.app, adminKey).post(`/api/v1/outbox/${id}/retry`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });

  it("requires authentication", async () => {
    const res = await client(t.app).get("/api/v1/outbox");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHENTICATED");
  });
});

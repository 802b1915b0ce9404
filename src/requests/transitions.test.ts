import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  setDefaultWorkflow,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { expireOverdueRequests } from "./expire-requests.js";

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

interface Staff {
  ro: UserFixture;
  woo: UserFixture;
  fsm: UserFixture;
}

async function staffOf(inst: InstitutionFixture): Promise<Staff> {
  return {
    ro: await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    }),
    woo: await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    }),
    fsm: await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_MANAGER", scope: "library", scopeId: inst.libraries.main }],
    }),
  };
}

const itemStatus = async (itemId: number) =>
  (await t.ctx.db.selectFrom("items").select("process_status").where("id", "=", itemId).executeTakeFirstOrThrow())
    .process_status;

describe("request transitions", () => {
  let inst: InstitutionFixture;
  let staff: Staff;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    staff = await staffOf(inst);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });

  const place = async (options: Parameters<typeof makeTitle>[2] = {}) => {
    const title = await makeTitle(t.ctx, inst, options);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(res.status).toBe(201);
    return { id: res.body.request_id as string, title };
  };

  it("picks, sends in transit, scans in; the item's process status follows", async () => {
    const { id, title } = await place();
    const picked = await client(t.app, staff.ro.apiKey).post(`/api/v1/requests/${id}/pick`, {});
    expect(picked.status).toBe(200);
    expect(picked.body.request_status).toBe("IN_TRANSIT");
    expect(await itemStatus(title.itemIds[0]!)).toBe("IN_TRANSIT");
    const scanned = await client(t.app, staff.woo.apiKey).post(`/api/v1/requests/${id}/scan-in`, { note: "arrived" });
    expect(scanned.body.request_status).toBe("IN_DIGITIZATION");
    expect(scanned.body.allowed_actions).toEqual(["attach_file", "cancel"]);
    expect(await itemStatus(title.itemIds[0]!)).toBe("IN_DIGITIZATION");
    const cancelled = await client(t.app, staff.woo.apiKey).post(`/api/v1/requests/${id}/cancel`, {
      reason: "item damaged",
    });
    expect(cancelled.body.request_status).toBe("CANCELLED");
    expect(await itemStatus(title.itemIds[0]!)).toBe("IN_PLACE");
  });

  it("goes straight to digitization when picked where it is scanned", async () => {
    const local = await makeInstitution(t.ctx);
    await t.ctx.db
      .updateTable("circulation_desks")
      .set({ supports_digitization: 1, work_time_days: 3 })
      .where("id", "=", local.desks.mainDesk)
      .execute();
    const ro = await makeUser(t.ctx, local, {
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: local.libraries.main }],
    });
    const p = await makeUser(t.ctx, local);
    const title = await makeTitle(t.ctx, local);
    const placed = await client(t.app, p.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(placed.body.target_destination).toMatchObject({ kind: "desk", code: "MAIN_DESK" });
    expect(placed.body.due_date).toBe("2026-03-05T09:00:00.000Z");
    const picked = await client(t.app, ro.apiKey).post(`/api/v1/requests/${placed.body.request_id}/pick`, {});
    expect(picked.body.request_status).toBe("IN_DIGITIZATION");
  });

  it("refuses a transition from the wrong state with 409 and changes nothing", async () => {
    const { id } = await place();
    const res = await client(t.app, staff.woo.apiKey).post(`/api/v1/requests/${id}/scan-in`, {});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: "INVALID_STATE_TRANSITION",
      details: { state: "PICK_FROM_SHELF", allowed_from: ["IN_TRANSIT"] },
    });
    const deliver = await client(t.app, staff.woo.apiKey).post(`/api/v1/requests/${id}/deliver`, {});
    expect(deliver.status).toBe(409);
    const complete = await client(t.app, staff.woo.apiKey).post(`/api/v1/requests/${id}/complete`, {});
    expect(complete.status).toBe(409);
    const after = await client(t.app, patron.apiKey).get(`/api/v1/requests/${id}/history`);
    expect(after.body.events).toHaveLength(2);
  });

  it("needs a reason to cancel or reject", async () => {
    const { id } = await place();
    const res = await client(t.app, patron.apiKey).post(`/api/v1/requests/${id}/cancel`, {});
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe("reason");
  });

  it("lets a patron cancel their own request, and records who, when and why", async () => {
    const { id } = await place();
    const res = await client(t.app, patron.apiKey).post(`/api/v1/requests/${id}/cancel`, {
      reason: "found it online",
      note: "thanks",
    });
    expect(res.body).toMatchObject({
      request_status: "CANCELLED",
      closed_at: "2026-03-02T09:00:00.000Z",
      allowed_actions: [],
    });
    const history = (await client(t.app, patron.apiKey).get(`/api/v1/requests/${id}/history`)).body.events;
    expect(history.at(-1)).toMatchObject({
      action: "cancel",
      from_state: "PICK_FROM_SHELF",
      to_state: "CANCELLED",
      by: patron.primaryId,
      reason: "found it online",
      note: "thanks",
      at: "2026-03-02T09:00:00.000Z",
    });
    const letter = await t.ctx.db
      .selectFrom("outbox")
      .select(["topic", "payload"])
      .where("request_id", "=", Number(id))
      .where("topic", "=", "request_cancelled")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(letter.payload)).toMatchObject({ reason: "found it online", outcome: "CANCELLED" });
    const again = await client(t.app, patron.apiKey).post(`/api/v1/requests/${id}/cancel`, { reason: "twice" });
    expect(again.status).toBe(409);
  });

  it("lets a Fulfillment Services Manager reject a request", async () => {
    const { id } = await place();
    const res = await client(t.app, staff.fsm.apiKey).post(`/api/v1/requests/${id}/reject`, {
      reason: "outside collection policy",
    });
    expect(res.body.request_status).toBe("REJECTED");
  });
});

describe("approval and copyright tasks", () => {
  it("releases a blocked request when every task is approved, recording copyright details", async () => {
    const inst = await makeInstitution(t.ctx);
    const staff = await staffOf(inst);
    await setDefaultWorkflow(t.ctx, inst, {
      approval_required: true,
      copyright_clearance_required: true,
      approval_mode: "blocks",
    });
    const patron = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    const id = placed.body.request_id;
    const [approval, copyright] = placed.body.tasks;
    const fsm = client(t.app, staff.fsm.apiKey);
    expect((await fsm.get(`/api/v1/requests/${id}`)).body.allowed_actions).toEqual([
      "cancel",
      "reject",
      "approve_task",
      "reject_task",
    ]);
    const first = await fsm.post(`/api/v1/requests/${id}/tasks/${approval.task_id}/approve`, { note: "ok" });
    expect(first.body.request_status).toBe("AWAITING_APPROVAL");
    const badFee = await fsm.post(`/api/v1/requests/${id}/tasks/${copyright.task_id}/approve`, {
      reason: "licence held",
      details: { fee: { amount: 5, currency: "dollars" } },
    });
    expect(badFee.status).toBe(400);
    expect(badFee.body.fields[0].field).toBe("details.fee.currency");
    const second = await fsm.post(`/api/v1/requests/${id}/tasks/${copyright.task_id}/approve`, {
      reason: "licence held",
      details: { source: "CCC", licence_or_transaction_number: "T-123", fee: { amount: 12.5, currency: "USD" } },
    });
    expect(second.body.request_status).toBe("PICK_FROM_SHELF");
    expect(second.body.tasks[1]).toMatchObject({
      status: "approved",
      reason: "licence held",
      decided_by: String(staff.fsm.id),
      details: { source: "CCC", licence_or_transaction_number: "T-123", fee: { amount: 12.5, currency: "USD" } },
    });
    const twice = await fsm.post(`/api/v1/requests/${id}/tasks/${copyright.task_id}/approve`, {});
    expect(twice.status).toBe(409);
  });

  it("rejects the request when a task is rejected, and only a manager may decide", async () => {
    const inst = await makeInstitution(t.ctx);
    const staff = await staffOf(inst);
    await setDefaultWorkflow(t.ctx, inst, { copyright_clearance_required: true, approval_mode: "parallel" });
    const patron = await makeUser(t.ctx, inst);
    const title = await makeTitle(t.ctx, inst);
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(placed.body.request_status).toBe("PICK_FROM_SHELF");
    const id = placed.body.request_id;
    const task = placed.body.tasks[0];
    const byOperator = await client(t.app, staff.woo.apiKey).post(
      `/api/v1/requests/${id}/tasks/${task.task_id}/reject`,
      { reason: "no" },
    );
    expect(byOperator.status).toBe(403);
    const noReason = await client(t.app, staff.fsm.apiKey).post(
      `/api/v1/requests/${id}/tasks/${task.task_id}/reject`,
      {},
    );
    expect(noReason.status).toBe(400);
    const rejected = await client(t.app, staff.fsm.apiKey).post(`/api/v1/requests/${id}/tasks/${task.task_id}/reject`, {
      reason: "exceeds fair use",
    });
    expect(rejected.body.request_status).toBe("REJECTED");
    expect(rejected.body.tasks[0]).toMatchObject({ status: "rejected", reason: "exceeds fair use" });
    const unknownTask = await client(t.app, staff.fsm.apiKey).post(`/api/v1/requests/${id}/tasks/999999/approve`, {});
    expect(unknownTask.status).toBe(404);
  });
});

describe("expiry", () => {
  it("expires open requests past the place's work time, and only those", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const titles = [await makeTitle(t.ctx, inst), await makeTitle(t.ctx, inst)];
    const api = client(t.app, patron.apiKey);
    const early = (await api.post("/api/v1/requests", { mms_id: titles[0]!.mmsId, ...pages })).body.request_id;
    t.clock.advanceDays(10);
    const late = (await api.post("/api/v1/requests", { mms_id: titles[1]!.mmsId, ...pages })).body.request_id;
    t.clock.advanceDays(5);
    const removed: string[][] = [];
    const { expired } = await expireOverdueRequests(t.ctx.db, t.clock.now(), async (k) => void removed.push(k), {
      institutionId: inst.id,
    });
    expect(expired).toContain(Number(early));
    expect(expired).not.toContain(Number(late));
    expect((await api.get(`/api/v1/requests/${early}`)).body.request_status).toBe("EXPIRED");
    expect((await api.get(`/api/v1/requests/${late}`)).body.request_status).toBe("PICK_FROM_SHELF");
    const history = (await api.get(`/api/v1/requests/${early}/history`)).body.events;
    expect(history.at(-1)).toMatchObject({ action: "expire", to_state: "EXPIRED", by: null, reason: "expired" });
    const again = await expireOverdueRequests(t.ctx.db, t.clock.now(), async () => undefined, {
      institutionId: inst.id,
    });
    expect(again.expired).not.toContain(Number(early));
    t.clock.set("2026-03-02T09:00:00.000Z");
  });
});

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

/*
 * POST /api/v1/scan: the scan station. The institution has MAIN (served by the institution's
 * department, DIGI_DEPT_INST) and LAW (served by its own digitizing desk, LAW_DIGI, which wins).
 */

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };
const DEPT = { kind: "department", code: "DIGI_DEPT_INST" } as const;
const LAW_DESK = { kind: "desk", code: "LAW_DIGI" } as const;

let inst: InstitutionFixture;
let patron: UserFixture;
/** Requests Operator of MAIN, of LAW; Work Order Operator of the department; a manager (no scanning) */
let ro: UserFixture, roLaw: UserFixture, woo: UserFixture, fsm: UserFixture;
let lawDesk: number;

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  const at = t.ctx.clock.now().toISOString();
  lawDesk = (
    await t.ctx.db
      .insertInto("circulation_desks")
      .values({
        institution_id: inst.id,
        library_id: inst.libraries.law,
        code: "LAW_DIGI",
        name: "Law digitization desk",
        supports_digitization: 1,
        work_time_days: 7,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  const staff = (roles: NonNullable<Parameters<typeof makeUser>[2]>["roles"]) =>
    makeUser(t.ctx, inst, { group: "STAFF", roles });
  ro = await staff([{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }]);
  roLaw = await staff([{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.law }]);
  woo = await staff([{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }]);
  fsm = await staff([{ role: "FULFILLMENT_SERVICES_MANAGER", scope: "institution" }]);
});

/** A request placed by the patron for a new title's item; its barcode. */
async function placed(library: "main" | "law" = "main") {
  const title = await makeTitle(t.ctx, inst, { library });
  const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
    mms_id: title.mmsId,
    item_id: title.itemIds[0],
    ...pages,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.request_id as string, barcode: title.barcodes[0]!, itemId: title.itemIds[0]! };
}

const scan = (who: UserFixture, barcode: string, place: object = DEPT) =>
  client(t.app, who.apiKey).post("/api/v1/scan", { barcode, place });

/** What a refused scan must leave as it was: the request, its history and the item. */
async function snapshot(requestId: string, itemId: number) {
  const db = t.ctx.db;
  const request = await db
    .selectFrom("requests")
    .select(["state", "updated_at"])
    .where("id", "=", Number(requestId))
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom("request_events")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("request_id", "=", Number(requestId))
    .executeTakeFirstOrThrow();
  const item = await db.selectFrom("items").select("process_status").where("id", "=", itemId).executeTakeFirstOrThrow();
  return { ...request, events: Number(events.n), item: item.process_status };
}

/** Every request's state and history in the institution: a refusal that names no request changes none. */
async function institutionSnapshot() {
  const db = t.ctx.db;
  const states = await db
    .selectFrom("requests")
    .select(["id", "state", "updated_at"])
    .where("institution_id", "=", inst.id)
    .orderBy("id")
    .execute();
  const events = await db
    .selectFrom("request_events")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("institution_id", "=", inst.id)
    .executeTakeFirstOrThrow();
  return { states, events: Number(events.n) };
}

describe("POST /api/v1/scan", () => {
  it("picks an item on the shelf list, then scans it in when it arrives, each with a history row", async () => {
    const r = await placed();
    const picked = await scan(ro, r.barcode);
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect(picked.body).toMatchObject({
      step: "pick",
      request: {
        request_id: r.id,
        barcode: r.barcode,
        library: "MAIN",
        place: { kind: "department", code: "DIGI_DEPT_INST" },
        patron: { user_id: patron.primaryId, name: `Test ${patron.primaryId}` },
        state_before: "PICK_FROM_SHELF",
        state_after: "IN_TRANSIT",
      },
    });
    expect(picked.body.request.title).toMatch(/^Title /);
    expect(picked.body.message).toMatch(/Picked from the shelf: request \d+ is in transit to/);
    expect((await snapshot(r.id, r.itemId)).item).toBe("IN_TRANSIT");

    // arrival at the department is scanning in (DOMAIN 7: IN_TRANSIT --scanned in--> IN_DIGITIZATION)
    const arrived = await scan(woo, ` ${r.barcode} `);
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    expect(arrived.body).toMatchObject({
      step: "scan_in",
      request: { state_before: "IN_TRANSIT", state_after: "IN_DIGITIZATION" },
    });
    expect(arrived.body.message).toMatch(/^Arrived and scanned in at/);
    expect((await snapshot(r.id, r.itemId)).item).toBe("IN_DIGITIZATION");

    const history = await client(t.app, ro.apiKey).get(`/api/v1/requests/${r.id}/history`);
    const steps = (history.body.events as { action: string; by: string }[]).map((e) => [e.action, e.by]);
    expect(steps).toEqual(
      expect.arrayContaining([
        ["pick", ro.primaryId],
        ["scan_in", woo.primaryId],
      ]),
    );
  });

  it("scans in at once an item picked where it is digitized, and takes the place by id too", async () => {
    const r = await placed("law");
    const res = await scan(roLaw, r.barcode, { kind: "desk", id: lawDesk });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      step: "pick",
      request: {
        place: { kind: "desk", code: "LAW_DIGI" },
        state_before: "PICK_FROM_SHELF",
        state_after: "IN_DIGITIZATION",
      },
    });
    expect(res.body.message).toMatch(/^Picked and scanned in at Law digitization desk/);
  });

  it("answers an unknown barcode with 404 UNKNOWN_BARCODE, also for another institution's item", async () => {
    await placed(); // something the scan could have changed
    const before = await institutionSnapshot();
    const res = await scan(ro, "NO-SUCH-BARCODE");
    expect(res.status).toBe(404);
    expect(await institutionSnapshot()).toEqual(before);
    expect(res.body).toMatchObject({ code: "UNKNOWN_BARCODE", details: { barcode: "NO-SUCH-BARCODE" } });
    expect(res.body.message).toMatch(/No item has the barcode NO-SUCH-BARCODE/);

    const other = await makeInstitution(t.ctx);
    const elsewhere = await makeTitle(t.ctx, other);
    expect((await scan(ro, elsewhere.barcodes[0]!)).body.code).toBe("UNKNOWN_BARCODE");
  });

  it("answers an item without an open request with 409 NO_OPEN_REQUEST", async () => {
    const title = await makeTitle(t.ctx, inst);
    const before = await institutionSnapshot();
    const res = await scan(ro, title.barcodes[0]!);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("NO_OPEN_REQUEST");
    expect(await institutionSnapshot()).toEqual(before);
    expect(res.body.message).toMatch(/has no open request/);

    // a request that ended is not open either
    const r = await placed();
    await client(t.app, patron.apiKey).post(`/api/v1/requests/${r.id}/cancel`, { reason: "no longer needed" });
    expect((await scan(ro, r.barcode)).body.code).toBe("NO_OPEN_REQUEST");
  });

  it("answers a request of another place with 409, naming the place only to who may see the request", async () => {
    const r = await placed("law"); // handled at LAW_DIGI
    const before = await snapshot(r.id, r.itemId);
    const seen = await scan(roLaw, r.barcode, DEPT);
    expect(seen.status).toBe(409);
    expect(seen.body).toMatchObject({
      code: "REQUEST_AT_OTHER_PLACE",
      details: { request_id: r.id, place: { kind: "desk", code: "LAW_DIGI", name: "Law digitization desk" } },
    });
    expect(seen.body.message).toMatch(/handled at Law digitization desk \(LAW_DIGI\), not at/);

    const unseen = await scan(ro, r.barcode, DEPT);
    expect(unseen.status).toBe(409);
    expect(unseen.body.code).toBe("REQUEST_AT_OTHER_PLACE");
    expect(unseen.body.details).toBeUndefined();
    expect(unseen.body.message).not.toMatch(/LAW|Law|\d{2,}/);
    expect(await snapshot(r.id, r.itemId)).toEqual(before);
  });

  it("refuses with 403 a step the caller's roles do not do, and changes nothing", async () => {
    const r = await placed();
    const before = await snapshot(r.id, r.itemId);
    // the Work Order Operator scans in, but picking is the Requests Operator's
    const woos = await scan(woo, r.barcode);
    expect(woos.status).toBe(403);
    expect(woos.body.code).toBe("FORBIDDEN");
    expect(woos.body.message).toMatch(/Picking an item from the shelf needs the Requests Operator role/);
    // LAW's Requests Operator works at the department too, but may not see a MAIN request
    const law = await scan(roLaw, r.barcode);
    expect(law.status).toBe(403);
    expect(law.body.message).not.toContain(r.id);
    expect(await snapshot(r.id, r.itemId)).toEqual(before);
  });

  it("refuses with 403 a caller without a scanning role at the place, before looking at the barcode", async () => {
    const r = await placed();
    const before = await snapshot(r.id, r.itemId);
    const manager = await scan(fsm, r.barcode);
    expect(manager.status).toBe(403);
    expect(manager.body.message).toMatch(/Your roles at Digitization Department For Institution .* do not include/);
    // MAIN's Requests Operator does not work at LAW's desk: not even an unknown barcode is looked up
    const notHere = await scan(ro, "NO-SUCH-BARCODE", LAW_DESK);
    expect(notHere.status).toBe(403);
    expect((await scan(patron, r.barcode)).status).toBe(403);
    expect(await snapshot(r.id, r.itemId)).toEqual(before);
  });

  it("answers a request that waits for no scan with 409 NOTHING_TO_SCAN, saying what it waits for", async () => {
    const r = await placed();
    await scan(ro, r.barcode);
    await scan(ro, r.barcode);
    const before = await snapshot(r.id, r.itemId);
    expect(before.state).toBe("IN_DIGITIZATION");
    const again = await scan(ro, r.barcode);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: "NOTHING_TO_SCAN",
      details: { request_id: r.id, state: "IN_DIGITIZATION" },
    });
    expect(again.body.message).toMatch(/already scanned in/);
    expect(await snapshot(r.id, r.itemId)).toEqual(before);

    const approvals = await makeInstitution(t.ctx);
    await setDefaultWorkflow(t.ctx, approvals, { approval_required: true, approval_mode: "blocks" });
    const p = await makeUser(t.ctx, approvals, { group: "FACULTY" });
    const op = await makeUser(t.ctx, approvals, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "institution" }],
    });
    const title = await makeTitle(t.ctx, approvals);
    const waiting = await client(t.app, p.apiKey).post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(waiting.body.request_status).toBe("AWAITING_APPROVAL");
    const res = await scan(op, title.barcodes[0]!);
    expect(res.body).toMatchObject({ code: "NOTHING_TO_SCAN", details: { state: "AWAITING_APPROVAL" } });
    expect(res.body.message).toMatch(/waiting for approval/);
  });

  it("validates the barcode and the place, and names an unknown place", async () => {
    expect((await scan(ro, "   ")).status).toBe(400);
    const noPlace = await client(t.app, ro.apiKey).post("/api/v1/scan", { barcode: "X" });
    expect(noPlace.status).toBe(400);
    expect((await scan(ro, "X", { kind: "department" })).status).toBe(400);
    expect((await scan(ro, "X", { kind: "shelf", code: "A" })).status).toBe(400);
    const unknown = await scan(ro, "X", { kind: "department", code: "NOWHERE" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "NOT_FOUND", fields: [{ field: "place" }] });
  });
});

import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeTitle, makeUser, setDefaultWorkflow, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

/*
 * Issue 14: POST /api/v1/requests presents the request from what placement wrote instead of
 * reading it back after the commit. The answer must be exactly what reading it gives.
 */
const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

/** Places with `caller`, then reads the request back as the same caller: both answers must be equal. */
async function placedEqualsRead(caller: UserFixture, body: Record<string, unknown>) {
  const placed = await client(t.app, caller.apiKey).post("/api/v1/requests", body);
  expect(placed.status).toBe(201);
  const read = await client(t.app, caller.apiKey).get(`/api/v1/requests/${placed.body.request_id}`);
  expect(read.status).toBe(200);
  expect(placed.body).toEqual(read.body);
  return placed.body;
}

describe("the answer to a placement", () => {
  it("is the request as read back: item-level, title-level, placed by staff for a course", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const item = await makeTitle(t.ctx, inst, { descriptions: ["v.1", "v.2"] });
    expect(await placedEqualsRead(patron, { mms_id: String(item.mmsId), description: "v.2", ...pages })).toMatchObject({
      item_description: "v.2",
      barcode: item.barcodes[1],
    });
    const title = await makeTitle(t.ctx, inst, { holdings: false });
    expect(await placedEqualsRead(patron, { mms_id: String(title.mmsId), library: "LAW", ...pages })).toMatchObject({
      item_id: null,
      library: "LAW",
    });
    const staff = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const course = await makeTitle(t.ctx, inst);
    expect(
      await placedEqualsRead(staff, {
        user_id: patron.primaryId,
        mms_id: String(course.mmsId),
        target_destination: "DIGI_DEPT_INST",
        course: { code: "HIST101", name: "Early modern history" },
        ...pages,
      }),
    ).toMatchObject({ request_source: "course", target_destination: { code: "DIGI_DEPT_INST" } });
  });

  it("is the request as read back with its tasks, pending or approved with the reason's label", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst);
    await setDefaultWorkflow(t.ctx, inst, { approval_required: true, approval_mode: "blocks" });
    const held = await placedEqualsRead(patron, { mms_id: String((await makeTitle(t.ctx, inst)).mmsId), ...pages });
    expect(held.tasks).toMatchObject([{ kind: "approval", status: "pending" }]);
    await setDefaultWorkflow(t.ctx, inst, {
      approval_required: true,
      copyright_clearance_required: true,
      approval_mode: "automatic",
      approval_reason: "PUBLIC_DOMAIN",
    });
    const approved = await placedEqualsRead(patron, { mms_id: String((await makeTitle(t.ctx, inst)).mmsId), ...pages });
    expect(approved.tasks).toMatchObject([
      { kind: "approval", status: "approved", reason_label: "Public domain" },
      { kind: "copyright", status: "approved", reason_label: "Public domain" },
    ]);
  });
});

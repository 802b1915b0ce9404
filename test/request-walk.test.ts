import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../src/people/login.js";
import { client, upload } from "./api.js";
import { makeInstitution, makeTitle, makeUser, setDefaultWorkflow } from "./factories.js";
import { useTestApp } from "./harness.js";

// A small upload limit keeps the oversize test cheap.
const t = useTestApp({ maxUploadBytes: 64 * 1024 });

const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2048, 0x20), Buffer.from("\n%%EOF\n")]);

/** Files under FILES_DIR, to prove what is and is not left on disk. */
function storedFiles(): string[] {
  const root = t.config.filesDir;
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe("a request's whole life through the API", () => {
  it("goes from placement to completion with the patron, Requests Operator, Work Order Operator and Fulfillment Services Manager", async () => {
    const inst = await makeInstitution(t.ctx);
    await setDefaultWorkflow(t.ctx, inst, {
      copyright_clearance_required: true,
      approval_mode: "parallel",
      target: "attachment",
    });
    const patron = await makeUser(t.ctx, inst, { group: "GRAD" });
    const ro = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const woo = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    });
    const fsm = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "FULFILLMENT_SERVICES_MANAGER", scope: "library", scopeId: inst.libraries.main }],
      passwordHash: await hashPassword("manager-password-1"),
    });
    const title = await makeTitle(t.ctx, inst);

    // The patron places the request.
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      chapter_or_article_title: "Chapter 2",
      required_pages_range: [
        { from_page: "ix", to_page: "xii" },
        { from_page: "20", to_page: "45" },
      ],
      comment: "For my thesis",
    });
    expect(placed.status).toBe(201);
    const id = placed.body.request_id;
    expect(placed.body.request_status).toBe("PICK_FROM_SHELF");

    // The Requests Operator picks it; the Work Order Operator scans it in and attaches the scan.
    expect(
      (await client(t.app, ro.apiKey).post(`/api/v1/requests/${id}/pick`, { note: "shelf 3" })).body.request_status,
    ).toBe("IN_TRANSIT");
    expect((await client(t.app, woo.apiKey).post(`/api/v1/requests/${id}/scan-in`, {})).body.request_status).toBe(
      "IN_DIGITIZATION",
    );
    const attached = await upload(t.app, woo.apiKey, `/api/v1/requests/${id}/files`, {
      name: "chapter2.pdf",
      bytes: pdf,
      contentType: "application/pdf",
    });
    expect(attached.status).toBe(201);
    expect(attached.body.request_status).toBe("DIGITIZED");
    expect(attached.body.files).toMatchObject([
      { file_name: "chapter2.pdf", content_type: "application/pdf", size_bytes: pdf.length, active: false },
    ]);

    // Delivery waits for copyright clearance.
    const early = await client(t.app, woo.apiKey).post(`/api/v1/requests/${id}/deliver`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("TASKS_NOT_APPROVED");

    // The manager, signed in with a password in a browser session, clears copyright.
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { institution: inst.code, user_id: fsm.primaryId, password: "manager-password-1" },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const csrf = login.json().csrf_token;
    const taskId = placed.body.tasks[0].task_id;
    const approved = await t.app.inject({
      method: "POST",
      url: `/api/v1/requests/${id}/tasks/${taskId}/approve`,
      headers: { cookie, "x-csrf-token": csrf },
      payload: { reason: "fair use", note: "under 10%" },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().files[0].active).toBe(true);

    // The Work Order Operator delivers and completes; the item goes back on the shelf.
    const delivered = await client(t.app, woo.apiKey).post(`/api/v1/requests/${id}/deliver`, {});
    expect(delivered.body.request_status).toBe("DELIVERED");
    const letter = await t.ctx.db
      .selectFrom("outbox")
      .select(["topic", "status"])
      .where("request_id", "=", Number(id))
      .where("kind", "=", "letter")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(letter).toEqual({ topic: "digitization_notification_item", status: "pending" });
    const completed = await client(t.app, woo.apiKey).post(`/api/v1/requests/${id}/complete`, {});
    // Done: nothing is left to do but send the patron new links to the file, if theirs expire.
    expect(completed.body).toMatchObject({ request_status: "COMPLETED", allowed_actions: ["reissue_links"] });
    const item = await client(t.app, woo.apiKey).get(`/api/v1/items/${title.itemIds[0]}`);
    expect(item.body.process_status).toBe("IN_PLACE");

    // The history shows every step: who, from, to.
    const history = (await client(t.app, patron.apiKey).get(`/api/v1/requests/${id}/history`)).body.events;
    expect(history.map((e: any) => [e.action, e.from_state, e.to_state, e.by])).toEqual([
      ["placed", null, "NEW", patron.primaryId],
      ["route_to_shelf", "NEW", "PICK_FROM_SHELF", patron.primaryId],
      ["pick", "PICK_FROM_SHELF", "IN_TRANSIT", ro.primaryId],
      ["scan_in", "IN_TRANSIT", "IN_DIGITIZATION", woo.primaryId],
      ["attach_file", "IN_DIGITIZATION", "DIGITIZED", woo.primaryId],
      ["copyright_approved", "DIGITIZED", "DIGITIZED", fsm.primaryId],
      ["deliver", "DIGITIZED", "DELIVERED", woo.primaryId],
      ["complete", "DELIVERED", "COMPLETED", woo.primaryId],
    ]);
    expect(history[2].note).toBe("shelf 3");
    expect(history[5]).toMatchObject({ reason: "fair use", note: "under 10%" });
  });
});

describe("attaching files", () => {
  const setup = async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const woo = await makeUser(t.ctx, inst, {
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    });
    const fsm = await makeUser(t.ctx, inst, { roles: [{ role: "FULFILLMENT_SERVICES_MANAGER" }] });
    const title = await makeTitle(t.ctx, inst, { items: 0 });
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    expect(placed.body.request_status).toBe("IN_DIGITIZATION");
    return { inst, patron, woo, fsm, id: placed.body.request_id as string };
  };

  it("refuses a disguised file and leaves nothing on disk or in the request", async () => {
    const { woo, id } = await setup();
    const before = storedFiles();
    const html = await upload(t.app, woo.apiKey, `/api/v1/requests/${id}/files`, {
      name: "scan.pdf",
      bytes: Buffer.from("<html><script>alert(1)</script></html>"),
    });
    expect(html.status).toBe(415);
    expect(html.body.code).toBe("UNSUPPORTED_FILE_TYPE");
    const exe = await upload(t.app, woo.apiKey, `/api/v1/requests/${id}/files`, {
      name: "scan.png",
      bytes: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(500)]),
    });
    expect(exe.status).toBe(415);
    expect(storedFiles()).toEqual(before);
    const r = await client(t.app, woo.apiKey).get(`/api/v1/requests/${id}`);
    expect(r.body).toMatchObject({ request_status: "IN_DIGITIZATION", files: [] });
  });

  it("refuses a file over the size limit", async () => {
    const { woo, id } = await setup();
    const before = storedFiles();
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(t.config.maxUploadBytes + 10, 0x20)]);
    const res = await upload(t.app, woo.apiKey, `/api/v1/requests/${id}/files`, { name: "big.pdf", bytes: big });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("FILE_TOO_LARGE");
    expect(storedFiles()).toEqual(before);
  });

  it("requires the file field, the right state and the right role", async () => {
    const { woo, patron, id } = await setup();
    const none = await client(t.app, woo.apiKey).post(`/api/v1/requests/${id}/files`, {});
    expect(none.status).toBe(400);
    const byPatron = await upload(t.app, patron.apiKey, `/api/v1/requests/${id}/files`, { name: "a.pdf", bytes: pdf });
    expect(byPatron.status).toBe(403);
    await client(t.app, patron.apiKey).post(`/api/v1/requests/${id}/cancel`, { reason: "no longer needed" });
    const closed = await upload(t.app, woo.apiKey, `/api/v1/requests/${id}/files`, { name: "a.pdf", bytes: pdf });
    expect(closed.status).toBe(409);
  });

  it("accepts several files, and a rejection deletes them from disk", async () => {
    const { inst, woo, fsm, id } = await setup();
    void inst;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    expect(
      (await upload(t.app, woo.apiKey, `/api/v1/requests/${id}/files`, { name: "p1.pdf", bytes: pdf })).status,
    ).toBe(201);
    const second = await upload(t.app, woo.apiKey, `/api/v1/requests/${id}/files`, { name: "plate.png", bytes: png });
    expect(second.body.files.map((f: any) => f.content_type)).toEqual(["application/pdf", "image/png"]);
    const keys = await t.ctx.db
      .selectFrom("request_files")
      .select("storage_key")
      .where("request_id", "=", Number(id))
      .execute();
    const paths = keys.map((k) => path.join(t.config.filesDir, k.storage_key));
    expect(paths.every((p) => fs.existsSync(p))).toBe(true);
    const rejected = await client(t.app, fsm.apiKey).post(`/api/v1/requests/${id}/reject`, {
      reason: "licence does not allow",
    });
    expect(rejected.body).toMatchObject({ request_status: "REJECTED", files: [] });
    expect(paths.some((p) => fs.existsSync(p))).toBe(false);
  });
});

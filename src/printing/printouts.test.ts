import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { client } from "../../test/api.js";
import {
  makeInstitution,
  makeSlipPrinter,
  makeTitle,
  makeUser,
  type InstitutionFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { startTestSmtp, type TestSmtp } from "../../test/smtp.js";
import { processOutbox } from "../outbox/process-outbox.js";
import { runPrintJob } from "./print-job.js";

// Every slip PDF laid out, counted: the real module runs, so the slips are real.
const { laidOut } = vi.hoisted(() => ({ laidOut: { count: 0 } }));
vi.mock("./slip-pdf.js", async (original) => {
  const real = await original<typeof import("./slip-pdf.js")>();
  return {
    ...real,
    slipPdf: (...args: Parameters<typeof real.slipPdf>) => {
      laidOut.count += 1;
      return real.slipPdf(...args);
    },
  };
});

const t = useTestApp();
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t.config.smtpUrl = smtp.url;
});
afterAll(async () => smtp?.stop());

async function scene(printerEmail: string | null) {
  const inst = await makeInstitution(t.ctx);
  const printerId = await makeSlipPrinter(t.ctx, inst, printerEmail);
  const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  const ro = await makeUser(t.ctx, inst, {
    roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
  });
  const title = await makeTitle(t.ctx, inst);
  const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
    mms_id: title.mmsId,
    chapter_or_article_title: "Chapter 1",
  });
  expect(placed.body.request_status).toBe("PICK_FROM_SHELF");
  const run = await processOutbox(t.ctx, { print: runPrintJob }, { now: t.clock.now(), institutionId: inst.id });
  expect(run.done).toBe(1);
  return { inst, patron, ro, printerId, requestId: Number(placed.body.request_id), title };
}

const pages = async (bytes: Buffer) => (await PDFDocument.load(bytes)).getPageCount();

describe("printing pick slips", () => {
  it("emails the slip as a PDF to a print-by-email printer and keeps it in the queue", async () => {
    const before = laidOut.count;
    const s = await scene("slips@print.example.edu");
    expect(laidOut.count - before).toBe(1);
    const mails = smtp.received.filter((m) => JSON.stringify(m.to).includes("slips@print.example.edu"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Pick slip: request ${s.requestId}`);
    const pdf = mails[0]!.attachments[0]!;
    expect(pdf.contentType).toBe("application/pdf");
    expect(await pages(pdf.content)).toBe(1);
    const queue = await client(t.app, s.ro.apiKey).get("/api/v1/printouts?status=queued");
    expect(queue.body.printouts).toMatchObject([
      { request_id: s.requestId, printer_code: "SLIPS", emailed_to: "slips@print.example.edu", print_count: 0 },
    ]);
    // what the slip is for, so the queue can be read without opening each PDF
    const bib = await t.ctx.db
      .selectFrom("bibs")
      .select("title")
      .where("id", "=", s.title.mmsId)
      .executeTakeFirstOrThrow();
    expect(queue.body.printouts[0]).toMatchObject({
      title: bib.title,
      barcode: s.title.barcodes[0],
      printer_name: "Slips",
    });
    // The worker running the job again (a retry) neither duplicates the printout nor re-sends it.
    await t.ctx.db
      .updateTable("outbox")
      .set({ status: "pending" })
      .where("request_id", "=", s.requestId)
      .where("kind", "=", "print")
      .execute();
    await processOutbox(t.ctx, { print: runPrintJob }, { now: t.clock.now(), institutionId: s.inst.id });
    expect((await client(t.app, s.ro.apiKey).get("/api/v1/printouts")).body.printouts).toHaveLength(1);
    expect(smtp.received.filter((m) => JSON.stringify(m.to).includes("slips@print.example.edu"))).toHaveLength(1);
  });

  it("lays out no PDF for a printer that does not print by email; the queue lays one out when opened", async () => {
    const before = laidOut.count;
    const s = await scene(null);
    expect(laidOut.count - before).toBe(0);
    const [printout] = (await client(t.app, s.ro.apiKey).get("/api/v1/printouts")).body.printouts;
    expect(printout).toMatchObject({ status: "queued", emailed_to: null });
    const slip = await t.app.inject({
      method: "GET",
      url: `/api/v1/printouts/${printout.id}/pdf`,
      headers: { authorization: `Bearer ${s.ro.apiKey}` },
    });
    expect(await pages(slip.rawPayload)).toBe(1);
    expect(laidOut.count - before).toBe(1);
  });

  it("serves the slip with the item barcode and an optional cover sheet; print, reprint and dismiss", async () => {
    const s = await scene(null);
    const api = client(t.app, s.ro.apiKey);
    const [printout] = (await api.get("/api/v1/printouts")).body.printouts;
    expect(printout).toMatchObject({ status: "queued", emailed_to: null });
    const slip = await t.app.inject({
      method: "GET",
      url: `/api/v1/printouts/${printout.id}/pdf`,
      headers: { authorization: `Bearer ${s.ro.apiKey}` },
    });
    expect(slip.statusCode).toBe(200);
    expect(slip.headers["content-type"]).toBe("application/pdf");
    expect(await pages(slip.rawPayload)).toBe(1);
    const withCover = await t.app.inject({
      method: "GET",
      url: `/api/v1/printouts/${printout.id}/pdf?cover_sheet=true`,
      headers: { authorization: `Bearer ${s.ro.apiKey}` },
    });
    expect(await pages(withCover.rawPayload)).toBe(2);

    expect((await api.post(`/api/v1/printouts/${printout.id}/reprint`)).status).toBe(409);
    expect((await api.post(`/api/v1/printouts/${printout.id}/print`)).body).toMatchObject({
      status: "printed",
      print_count: 1,
    });
    const again = await api.post(`/api/v1/printouts/${printout.id}/print`);
    expect(again).toMatchObject({
      status: 409,
      body: { code: "PRINTOUT_STATE_CONFLICT", details: { status: "printed" } },
    });
    expect((await api.post(`/api/v1/printouts/${printout.id}/reprint`)).body.print_count).toBe(2);
    expect((await api.post(`/api/v1/printouts/${printout.id}/dismiss`)).body.status).toBe("dismissed");
    expect((await api.get("/api/v1/printouts?status=queued")).body.printouts).toEqual([]);
  });

  it("refuses patrons (403) and hides other institutions' printouts (404)", async () => {
    const s = await scene(null);
    const [printout] = (await client(t.app, s.ro.apiKey).get("/api/v1/printouts")).body.printouts;
    expect((await client(t.app, s.patron.apiKey).get("/api/v1/printouts")).status).toBe(403);
    expect((await client(t.app, s.patron.apiKey).post(`/api/v1/printouts/${printout.id}/print`)).status).toBe(403);
    const other: InstitutionFixture = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, other, { roles: [{ role: "REQUESTS_OPERATOR" }] });
    const far = await client(t.app, stranger.apiKey).post(`/api/v1/printouts/${printout.id}/print`);
    expect(far).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect((await client(t.app, stranger.apiKey).get("/api/v1/printouts")).body.printouts).toEqual([]);
  });

  it("shows each staff member the printouts of requests in their scope only", async () => {
    const s = await scene(null);
    const [printout] = (await client(t.app, s.ro.apiKey).get("/api/v1/printouts")).body.printouts;
    expect(printout).toBeDefined();
    // The request is for an item of MAIN: an operator of LAW neither lists nor reaches its slip.
    const lawOperator = await makeUser(t.ctx, s.inst, {
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: s.inst.libraries.law }],
    });
    const law = client(t.app, lawOperator.apiKey);
    expect((await law.get("/api/v1/printouts")).body.printouts).toEqual([]);
    expect((await law.get(`/api/v1/printouts/${printout.id}/pdf`)).status).toBe(404);
    expect((await law.post(`/api/v1/printouts/${printout.id}/dismiss`)).status).toBe(404);
    // The department that scans it, and fulfillment administrators, see it.
    const scanner = await makeUser(t.ctx, s.inst, {
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: s.inst.departments.inst }],
    });
    const fulfillmentAdmin = await makeUser(t.ctx, s.inst, { roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    for (const who of [scanner, fulfillmentAdmin]) {
      const ids = (await client(t.app, who.apiKey).get("/api/v1/printouts")).body.printouts.map((p: any) => p.id);
      expect(ids).toEqual([printout.id]);
    }
    expect((await client(t.app, scanner.apiKey).post(`/api/v1/printouts/${printout.id}/print`)).status).toBe(200);
  });
});

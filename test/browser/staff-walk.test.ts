import type { Page } from "playwright-core";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { sendOutboxLetter } from "../../src/letters/send-letter.js";
import { processOutbox } from "../../src/outbox/process-outbox.js";
import { expectAccessible, fillSignIn, pdfWithPages, useBrowserSuite } from "./browser.js";

/*
 * Issue 12's "done when": one request from the patron's form to the patron's download, each step
 * in the app by the role that does it: the patron asks, the Requests Operator picks at the scan
 * station, the Work Order Operator scans it in there and attaches the scan on the request's page,
 * the Fulfillment Services Manager approves, the Work Order Operator delivers, the patron downloads.
 *
 * The scene: the demo's MAIN library sends its scanning to the institution's department (its
 * desk does not digitize here), so picking and arriving are two steps at two places; and the
 * default workflow asks for an approval in parallel with the work, so delivery waits for it.
 */

const suite = useBrowserSuite({ acceptDownloads: true });
let item: { id: number; bib_id: number; barcode: string; title: string };

beforeAll(async () => {
  const db = suite.recto.ctx.db;
  const inst = await db.selectFrom("institutions").select("id").where("code", "=", "DEMO").executeTakeFirstOrThrow();
  await db
    .updateTable("circulation_desks")
    .set({ supports_digitization: 0 })
    .where("institution_id", "=", inst.id)
    .where("code", "=", "MAIN_CIRC")
    .execute();
  const table = await db
    .selectFrom("rule_tables")
    .select("default_output")
    .where("institution_id", "=", inst.id)
    .where("kind", "=", "digitization")
    .executeTakeFirstOrThrow();
  const workflow = { ...JSON.parse(table.default_output), approval_required: true, approval_mode: "parallel" };
  await db
    .updateTable("rule_tables")
    .set({ default_output: JSON.stringify(workflow), revision: sql<number>`revision + 1` })
    .where("institution_id", "=", inst.id)
    .where("kind", "=", "digitization")
    .execute();
  item = await db
    .selectFrom("items as i")
    .innerJoin("bibs as b", "b.id", "i.bib_id")
    .innerJoin("libraries as l", "l.id", "i.library_id")
    .leftJoin("requests as r", "r.item_id", "i.id")
    .select(["i.id", "i.bib_id", "i.barcode", "b.title"])
    .where("l.code", "=", "MAIN")
    .where("i.process_status", "=", "IN_PLACE")
    .where("i.description", "is", null)
    .where("b.material_type", "=", "BOOK")
    .where("b.full_text_url", "is", null)
    .where("r.id", "is", null)
    .orderBy("i.id")
    .limit(1)
    .executeTakeFirstOrThrow();
}, 120_000);

async function staffAt(path: string, userId: string): Promise<Page> {
  const page = await suite.newPage();
  await page.goto(`${suite.recto.url}/staff${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, userId);
  return page;
}

/** At the scan station, working at the institution's digitization department. */
async function scanAtDepartment(userId: string, expected: RegExp): Promise<void> {
  const page = await staffAt("/scan", userId);
  await page.getByRole("heading", { level: 1, name: "Where are you working today?" }).waitFor();
  await page.getByRole("button", { name: /Work here: Digitization Department For Institution/ }).click();
  await page.locator("#scan-barcode").waitFor();
  await page.locator("#scan-barcode").focus();
  await page.keyboard.type(item.barcode);
  await page.keyboard.press("Enter");
  await page.locator("[role=status]").filter({ hasText: expected }).waitFor();
  await expectAccessible(page, `the scan station after ${userId}'s scan`);
}

const stateOf = async (id: number) =>
  (await suite.recto.ctx.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow())
    .state;

describe("a request walked through the staff app", { timeout: 180_000 }, () => {
  it("goes from the patron's form to the patron's download, each step by the role that does it", async () => {
    // The patron asks for pages 5 to 9 of a book on the shelf.
    const patron = await suite.newPage();
    await patron.goto(`${suite.recto.url}/titles/${item.bib_id}/request?item=${item.id}&pages=5-9`);
    await patron.waitForURL(/\/sign-in\?return=/);
    await fillSignIn(patron, "demo-grad");
    await patron.locator("#pages-0-from").waitFor();
    for (const box of ["#cb-not_online", "#f-copyrights_declaration_signed_by_patron"]) {
      if (await patron.locator(box).count()) await patron.locator(box).check();
    }
    await patron.locator("button[type=submit]").click();
    await patron.waitForURL(/\/requests\/\d+$/);
    const id = Number(/\/requests\/(\d+)$/.exec(patron.url())![1]);
    expect(await stateOf(id)).toBe("PICK_FROM_SHELF");

    // The Requests Operator picks it: it leaves for the department.
    await scanAtDepartment("demo-requests-operator", /Picked.*Send it to Digitization Department/);
    expect(await stateOf(id)).toBe("IN_TRANSIT");

    // The Work Order Operator scans it in where it arrives.
    await scanAtDepartment("demo-work-order-operator", /Arrived and scanned in/);
    expect(await stateOf(id)).toBe("IN_DIGITIZATION");

    // ... and attaches the scan on the request's page; delivery waits for the approval.
    const operator = await staffAt(`/requests/${id}`, "demo-work-order-operator");
    await operator.getByRole("heading", { name: "Files" }).waitFor();
    await operator.locator("#upload-file").setInputFiles({
      name: "pages-5-9.pdf",
      mimeType: "application/pdf",
      buffer: await pdfWithPages(5),
    });
    await expect
      .poll(() => operator.locator("#upload-outcome").textContent(), { timeout: 30_000 })
      .toContain("pages-5-9.pdf is attached: 5 pages.");
    expect(await operator.getByRole("button", { name: "Deliver to the patron" }).count()).toBe(0);

    // The Fulfillment Services Manager approves, with a reason from the list.
    const manager = await staffAt(`/requests/${id}`, "demo-fs-manager");
    await manager.getByRole("heading", { name: /Approval: waiting for a decision/ }).waitFor();
    await manager.locator(".decide select").selectOption({ index: 1 });
    await manager.locator(".decide button.button:not(.secondary)").click();
    await manager.getByRole("heading", { name: /Approval: approved/ }).waitFor();

    // The Work Order Operator delivers; the worker sends the letter with the link.
    await operator.reload();
    await operator.getByRole("button", { name: "Deliver to the patron" }).click();
    await operator.getByText("Delivered", { exact: true }).first().waitFor();
    expect(await stateOf(id)).toBe("DELIVERED");
    await processOutbox(suite.recto.ctx, { letter: sendOutboxLetter }, { now: new Date(), batchSize: 100 });

    // The patron downloads the file from their request's page.
    await patron.goto(`${suite.recto.url}/requests/${id}`);
    await patron.locator(".download a.button").waitFor();
    const [download] = await Promise.all([
      patron.waitForEvent("download"),
      patron.locator(".download a.button").click(),
    ]);
    expect(download.suggestedFilename()).toBe("pages-5-9.pdf");
    await expectAccessible(patron, "the patron's delivered request");
  });

  it("never logs a page error or a CSP refusal", () => {
    expect(suite.problems()).toEqual([]);
  });
});

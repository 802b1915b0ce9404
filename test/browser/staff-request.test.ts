import type { Page } from "playwright-core";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../../src/auth/repository.js";
import { sendOutboxLetter } from "../../src/letters/send-letter.js";
import { processOutbox } from "../../src/outbox/process-outbox.js";
import { requestFormSchema } from "../../src/requests/form.js";
import { pickItem, scanIn } from "../../src/requests/handling-steps.js";
import { placeRequest } from "../../src/requests/place-request.js";
import { expectAccessible, expectNoSideways, fillSignIn, pdfWithPages, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The request's page and placing for a patron in the staff app (issue 12, points 4 and 5): a task
 * approved by keyboard alone, a scan uploaded with its progress and page count then delivered,
 * the letters sent shown without a live link token, a request placed for a patron with the
 * patron's own form and its duplicate warning; axe in every state, dialogs open too, and 320 px.
 */

const suite = useBrowserSuite();
let instId: number;
/** items on the shelf at MAIN with no volume, one per use, so no test sees another's requests */
let shelf: { id: number; bib_id: number; title: string }[] = [];

beforeAll(async () => {
  const db = suite.recto.ctx.db;
  instId = (await db.selectFrom("institutions").select("id").where("code", "=", "DEMO").executeTakeFirstOrThrow()).id;
  shelf = await db
    .selectFrom("items as i")
    .innerJoin("bibs as b", "b.id", "i.bib_id")
    .innerJoin("libraries as l", "l.id", "i.library_id")
    .select(["i.id", "i.bib_id", "b.title"])
    .where("i.institution_id", "=", instId)
    .where("l.code", "=", "MAIN")
    .where("i.process_status", "=", "IN_PLACE")
    .where("i.description", "is", null)
    .where("b.material_type", "=", "BOOK")
    .where("b.full_text_url", "is", null)
    .orderBy("i.id")
    .limit(30)
    .execute();
}, 120_000);

async function actorOf(primaryId: string) {
  const db = suite.recto.ctx.db;
  const user = await db.selectFrom("users").select("id").where("primary_id", "=", primaryId).executeTakeFirstOrThrow();
  return (await loadActor(db, user.id, "session"))!;
}

/** The digitization table's default workflow, changed for one placement (the engine recompiles on the revision). */
async function withDefaultWorkflow<T>(change: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  const db = suite.recto.ctx.db;
  const table = () =>
    db.updateTable("rule_tables").where("institution_id", "=", instId).where("kind", "=", "digitization");
  const before = await db
    .selectFrom("rule_tables")
    .select("default_output")
    .where("institution_id", "=", instId)
    .where("kind", "=", "digitization")
    .executeTakeFirstOrThrow();
  const output = { ...JSON.parse(before.default_output), ...change };
  await table()
    .set({ default_output: JSON.stringify(output), revision: sql<number>`revision + 1` })
    .execute();
  try {
    return await run();
  } finally {
    await table()
      .set({ default_output: before.default_output, revision: sql<number>`revision + 1` })
      .execute();
  }
}

/** A request for demo-grad placed through the real use case, on the next shelf item. */
async function placeForGrad(pagesRange = { from_page: "3", to_page: "9" }): Promise<{ id: number; title: string }> {
  const actor = await actorOf("demo-grad");
  const item = shelf.shift()!;
  const placed = await placeRequest(
    suite.recto.ctx.db,
    actor,
    {
      userId: actor.userId,
      mmsId: item.bib_id,
      itemId: item.id,
      source: "patron",
      form: requestFormSchema.parse({ required_pages_range: [pagesRange] }),
    },
    suite.recto.ctx.clock.now(),
  );
  const id = placed.request.id;
  return { id, title: item.title };
}

async function signInToStaff(userId: string, path: string, width = 1280): Promise<Page> {
  const page = await suite.newPage({ width });
  await page.goto(`${suite.recto.url}/staff${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, userId);
  await page.waitForURL(new RegExp(`/staff${path.replace(/[/?]/g, "\\$&")}$`));
  return page;
}

describe("a request's page in the staff app", { timeout: 120_000 }, () => {
  it("links the rule that decided the workflow to it in the rule editor, for those who change the rules", async () => {
    const placed = await placeForGrad();
    const page = await signInToStaff("demo-admin", `/requests/${placed.id}`);
    await page.getByRole("heading", { name: "Why this workflow" }).waitFor();
    const rule = page.getByRole("link", { name: /^Decided by: / });
    await rule.waitFor();
    const href = (await rule.getAttribute("href"))!;
    expect(href).toMatch(/^\/staff\/setup\/rules\/digitization(\/\d+|#default)$/);
    await expectAccessible(page, "the request's page with the deciding rule linked");
    // in French the explanation, worded by the server in English, says so and is marked English
    await page.evaluate(() => localStorage.setItem("recto.language", "fr"));
    await page.reload();
    await page.getByRole("heading", { name: "Pourquoi ce circuit" }).waitFor();
    await page.getByText("Les phrases viennent du serveur, en anglais.").waitFor();
    expect(await page.locator("#explain-heading ~ p[lang=en]").count()).toBeGreaterThan(0);
    await expectAccessible(page, "the request's page in French");
    await page.evaluate(() => localStorage.setItem("recto.language", "en"));
    await page.reload();
    await rule.click();
    await page.waitForURL(`${suite.recto.url}${href}`);
    await page
      .getByRole("heading", { level: 1 })
      .filter({ hasText: /rule|Digitization/i })
      .waitFor();
  });

  it("lets demo-fs-manager approve a task by keyboard alone, the result announced beside it", async () => {
    const placed = await withDefaultWorkflow({ approval_required: true, approval_mode: "blocks" }, () =>
      placeForGrad(),
    );
    const page = await signInToStaff("demo-fs-manager", `/requests/${placed.id}`);
    await page.getByRole("heading", { level: 1, name: `Request ${placed.id}` }).waitFor();
    await page.getByText("Waiting for approval", { exact: true }).first().waitFor();
    await page.getByRole("heading", { name: /Approval: waiting for a decision/ }).waitFor();
    // patron, title and item, the form's pages, why this workflow, the history
    await page.getByText("Ravi Menon").waitFor();
    await page.getByRole("heading", { name: "Why this workflow" }).waitFor();
    // the deciding rule in words; a manager who does not change the rules gets no link to them
    await page.getByText(/^Decided by: /).waitFor();
    expect(await page.getByRole("link", { name: /^Decided by: / }).count()).toBe(0);
    await page.locator(".timeline-event").first().waitFor();
    await expectAccessible(page, "a request waiting for approval");

    // Reject opens a dialog that names what happens; Escape closes it without doing anything.
    await tabTo(page, ".decide button.secondary");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("heading", { name: "Reject the approval?" }).waitFor();
    await expectAccessible(page, "the reject-task dialog open");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // The reason from the approval reasons list, a note, then Approve: keys only.
    await tabTo(page, ".decide select");
    await page.keyboard.press("ArrowDown");
    const reason = await page.locator(".decide select").evaluate((s: HTMLSelectElement) => s.value);
    expect(reason).not.toBe("");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Checked with the course tutor");
    await tabTo(page, ".decide button.button:not(.secondary)");
    await page.keyboard.press("Enter");
    const outcome = page.locator("#tasks-heading ~ .action-outcome");
    await expect.poll(() => outcome.textContent()).toContain("Approval: approved.");
    expect(await outcome.getAttribute("role")).toBe("status");
    await page.getByRole("heading", { name: /Approval: approved/ }).waitFor();
    await expectAccessible(page, "the task approved");

    const api = await page.evaluate(async (id) => (await fetch(`/api/v1/requests/${id}`)).json(), placed.id);
    expect(api.request_status).toBe("PICK_FROM_SHELF");
    expect(api.tasks[0]).toMatchObject({ status: "approved", reason, note: "Checked with the course tutor" });
  });

  it("lets demo-work-order-operator upload a PDF, see it finish with its page count, deliver, and read the letter without its link", async () => {
    const placed = await placeForGrad({ from_page: "10", to_page: "12" });
    const db = suite.recto.ctx.db;
    await pickItem(db, await actorOf("demo-requests-operator"), placed.id, {}, new Date());
    const state = await db.selectFrom("requests").select("state").where("id", "=", placed.id).executeTakeFirstOrThrow();
    if (state.state === "IN_TRANSIT")
      await scanIn(db, await actorOf("demo-work-order-operator"), placed.id, {}, new Date());

    const page = await signInToStaff("demo-work-order-operator", `/requests/${placed.id}`);
    await page.getByRole("heading", { name: "Files" }).waitFor();
    await page.getByText("Drop the scan here").waitFor();
    await expectAccessible(page, "ready for the scan");
    // No deliver button before there is a file: the server does not offer it.
    expect(await page.getByRole("button", { name: "Deliver to the patron" }).count()).toBe(0);

    await page.locator("#upload-file").setInputFiles({
      name: "chapter-3.pdf",
      mimeType: "application/pdf",
      buffer: await pdfWithPages(3),
    });
    const uploaded = page.locator("#upload-outcome");
    await expect
      .poll(() => uploaded.textContent(), { timeout: 20_000 })
      .toContain("chapter-3.pdf is attached: 3 pages.");
    expect(await page.locator("#upload-bar").evaluate((p: HTMLProgressElement) => p.value)).toBe(100);
    await page.getByText("chapter-3.pdf (").waitFor();
    await expectAccessible(page, "the scan attached");

    await page.getByRole("button", { name: "Deliver to the patron" }).click();
    const delivered = page.locator("#files-heading ~ .action-outcome");
    await expect.poll(() => delivered.textContent()).toContain("Delivered");
    await page.getByText("Delivered", { exact: true }).first().waitFor();

    // The worker sends the letter; the page shows it as sent, its link withheld.
    await processOutbox(
      suite.recto.ctx,
      { letter: sendOutboxLetter },
      { now: new Date(), institutionId: instId, batchSize: 100 },
    );
    await page.reload();
    await page.getByRole("heading", { name: "Letters sent" }).waitFor();
    const letter = page.locator(".letter", { hasText: "document_delivery_notification" });
    await letter.getByText("Show the letter").click();
    const text = await letter.locator(".letter-text").textContent();
    expect(text).toContain("[download link withheld]");
    const html = await page.content();
    expect(html).not.toMatch(/downloads\/[A-Za-z0-9_-]{43}/);
    await expectAccessible(page, "delivered, the letter open");
    // New links are offered now, and cancelling asks first in a dialog.
    await page.getByRole("button", { name: "Send new links" }).waitFor();
    await page.getByRole("button", { name: "Cancel the request…" }).click();
    await page.getByRole("alertdialog").getByRole("heading", { name: "Cancel this request?" }).waitFor();
    await expectAccessible(page, "the cancel dialog open");
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel the request" }).click();
    await page.getByText("Say why: the reason is required").waitFor();
    await expectAccessible(page, "the cancel dialog with its error");
    await page.keyboard.press("Escape");

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSideways(page, "the request's page at 320 px");
    await expectAccessible(page, "the request's page at 320 px");
  });

  it("shows the server's refusal in words beside the action", async () => {
    const placed = await withDefaultWorkflow({ approval_required: true, approval_mode: "blocks" }, () =>
      placeForGrad(),
    );
    const page = await signInToStaff("demo-fs-manager", `/requests/${placed.id}`);
    await page.getByRole("button", { name: "Approve" }).waitFor();
    // Someone else decides first: this page's button is now out of date, and the server says so.
    const task = await suite.recto.ctx.db
      .selectFrom("request_tasks")
      .select("id")
      .where("request_id", "=", placed.id)
      .executeTakeFirstOrThrow();
    const { approveTask } = await import("../../src/requests/decide-task.js");
    await approveTask(suite.recto.ctx.db, await actorOf("demo-fs-manager"), placed.id, task.id, {}, new Date());
    await page.getByRole("button", { name: "Approve" }).click();
    const outcome = page.locator("#tasks-heading ~ .action-outcome");
    await expect.poll(() => outcome.textContent()).toMatch(/^✗ Not done: /);
    await expectAccessible(page, "a refusal shown");
  });

  it("after a step refused because someone acted first, reads the request again and shows where it stands", async () => {
    const placed = await placeForGrad();
    const page = await signInToStaff("demo-requests-operator", `/requests/${placed.id}`);
    await page.getByRole("button", { name: "Mark picked" }).waitFor();
    // a colleague at the desk cancels it while this page is open
    const { cancelRequest } = await import("../../src/requests/close-request.js");
    await cancelRequest(
      suite.recto.ctx.db,
      await actorOf("demo-work-order-operator"),
      placed.id,
      { reason: "Missing from the shelf", notifyUser: false },
      new Date(),
    );
    await page.getByRole("button", { name: "Mark picked" }).click();
    const outcome = page.locator("#actions-heading ~ .action-outcome");
    await expect.poll(() => outcome.textContent()).toMatch(/^✗ Not done: someone changed this request meanwhile/);
    // the page no longer offers the step that can no longer be done, and says the state it is in
    await page.getByText("CANCELLED", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Mark picked" }).count()).toBe(0);
    await page.getByText("Missing from the shelf").first().waitFor();
    await expectAccessible(page, "a step refused as out of date");
  });
});

describe("placing a request for a patron", { timeout: 120_000 }, () => {
  it("lets demo-fs-operator find demo-grad, fill the patron's form, place it, and be warned of the duplicate", async () => {
    const page = await signInToStaff("demo-fs-operator", "/place");
    await page.getByRole("heading", { level: 1, name: "Request for a patron" }).waitFor();
    await expectAccessible(page, "finding the patron");

    // Found by the library card's barcode, as a desk scans it.
    const card = (
      await suite.recto.ctx.db
        .selectFrom("users")
        .select("barcode")
        .where("primary_id", "=", "demo-grad")
        .executeTakeFirstOrThrow()
    ).barcode!;
    await page.locator("#patron-q").fill(card);
    await page.keyboard.press("Enter");
    await page.getByText("1 match").waitFor();
    await expectAccessible(page, "one patron found");
    await page.getByRole("button", { name: "Choose Ravi Menon" }).click();
    await page.getByText("For Ravi Menon (demo-grad)").waitFor();

    const item = shelf.shift()!;
    await page.locator("#title-q").fill(`id:${item.bib_id}`);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: `Choose ${item.title}` }).click();
    await page.getByRole("heading", { name: "3. The request" }).waitFor();
    await page.locator("#pages-0-from").fill("5");
    await page.locator("#pages-0-to").fill("8");
    await page.getByLabel("This is a course-reserve copy").check();
    await expectAccessible(page, "the form with the staff's extras");
    // The course code is required once it is a course reserve: checked before sending.
    await page.getByRole("button", { name: "Place the request for Ravi Menon" }).click();
    await page.getByRole("link", { name: "Enter the course code" }).waitFor();
    await expectAccessible(page, "the form with an error");
    await page.getByLabel("Course code").fill("HIST-201");
    await page.getByRole("button", { name: "Place the request for Ravi Menon" }).click();

    const done = page.getByRole("status").filter({ hasText: /Request \d+ is placed\./ });
    await done.waitFor();
    const id = /Request (\d+) is placed/.exec((await done.textContent()) ?? "")![1]!;
    await expectAccessible(page, "placed");
    const placed = await page.evaluate(async (rid) => (await fetch(`/api/v1/requests/${rid}`)).json(), id);
    expect(placed).toMatchObject({
      user_id: "demo-grad",
      request_source: "course",
      course: { code: "HIST-201" },
      required_pages_range: [{ from_page: "5", to_page: "8" }],
    });
    expect(await page.getByRole("link", { name: "Open the request" }).getAttribute("href")).toBe(
      `/staff/requests/${id}`,
    );

    // A second try for the same pages: the duplicate warning, as the patron would see it.
    await page.getByRole("button", { name: "Place another request" }).click();
    await page.getByText("For Ravi Menon (demo-grad)").waitFor();
    await page.locator("#title-q").fill(`id:${item.bib_id}`);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: `Choose ${item.title}` }).click();
    await page.locator("#pages-0-from").fill("6");
    await page.locator("#pages-0-to").fill("7");
    await page.getByRole("button", { name: "Place the request for Ravi Menon" }).click();
    const warning = page.getByRole("alertdialog");
    await warning.getByRole("heading", { name: "This patron has already asked for this" }).waitFor();
    await expectAccessible(page, "the duplicate warning");
    expect(await warning.getByRole("link").first().getAttribute("href")).toBe(`/staff/requests/${id}`);
    await warning.getByRole("button", { name: "Go back" }).click();
    await warning.waitFor({ state: "detached" });

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSideways(page, "placing for a patron at 320 px");
    await expectAccessible(page, "placing for a patron at 320 px");
  });
});

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadActor } from "../../src/auth/repository.js";
import { insertOutboxRow } from "../../src/outbox/outbox-repository.js";
import { processOutbox } from "../../src/outbox/process-outbox.js";
import { runPrintJob } from "../../src/printing/print-job.js";
import { requestFormSchema } from "../../src/requests/form.js";
import { placeRequest } from "../../src/requests/place-request.js";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The scan station by keyboard alone, the printout queue and the outbox, on the demo: each as
 * the demo login whose work it is, with axe on every state and the 320 px reflow.
 */

const suite = useBrowserSuite();

const userId = async (primaryId: string) =>
  (
    await suite.recto.ctx.db
      .selectFrom("users")
      .select("id")
      .where("primary_id", "=", primaryId)
      .executeTakeFirstOrThrow()
  ).id;

/** An item of `library` on the shelf with no request yet (the n-th such). */
async function freeItem(library: "MAIN" | "SCI", nth = 0) {
  return suite.recto.ctx.db
    .selectFrom("items as i")
    .innerJoin("libraries as l", "l.id", "i.library_id")
    .innerJoin("bibs as b", "b.id", "i.bib_id")
    .leftJoin("requests as r", "r.item_id", "i.id")
    .select(["i.id", "i.bib_id", "i.barcode", "b.title"])
    .where("l.code", "=", library)
    .where("i.description", "is", null)
    .where("r.id", "is", null)
    .orderBy("i.id")
    .offset(nth)
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** The demo's Fulfillment Services Operator places a request for demo-faculty, through the real use case. */
async function placeFor(library: "MAIN" | "SCI", targetDestination: string | null = null) {
  const item = await freeItem(library);
  const operator = (await loadActor(suite.recto.ctx.db, await userId("demo-fs-operator"), "session"))!;
  const placed = await placeRequest(
    suite.recto.ctx.db,
    operator,
    {
      userId: await userId("demo-faculty"),
      mmsId: item.bib_id,
      itemId: item.id,
      source: "staff",
      targetDestination,
      form: requestFormSchema.parse({ required_pages_range: [{ from_page: "1", to_page: "9" }] }),
    },
    suite.recto.ctx.clock.now(),
  );
  const id = placed.request.id;
  return { id, barcode: item.barcode, title: item.title };
}

const stateOf = async (id: number) =>
  (await suite.recto.ctx.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow())
    .state;

/** A page that records the scan station's tones instead of playing them (frequency per tone). */
async function newStaffPage(width = 1280): Promise<Page> {
  const page = await suite.newPage({ width });
  await page.addInitScript(() => {
    const tones: number[] = [];
    (window as unknown as { tones: number[] }).tones = tones;
    class QuietAudio {
      currentTime = 0;
      destination = {};
      createGain() {
        return { gain: { value: 0 }, connect: (x: unknown) => x };
      }
      createOscillator() {
        const osc = {
          type: "sine",
          frequency: { value: 0 },
          connect: (x: unknown) => x,
          start: () => tones.push(osc.frequency.value),
          stop: () => undefined,
        };
        return osc;
      }
    }
    (window as unknown as { AudioContext: unknown }).AudioContext = QuietAudio;
  });
  return page;
}

async function signInAt(page: Page, path: string, user: string): Promise<void> {
  await page.goto(`${suite.recto.url}/staff${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, user);
}

const tones = (page: Page) => page.evaluate(() => (window as unknown as { tones: number[] }).tones.splice(0));
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** Types a barcode as a keyboard-wedge scanner does (characters, then Enter) and waits for the answer. */
async function scan(page: Page, barcode: string, expected: RegExp): Promise<void> {
  await page.keyboard.type(barcode);
  await page.keyboard.press("Enter");
  await page.locator("[role=status], [role=alert]").filter({ hasText: expected }).waitFor();
  // the field is ready for the next scan: empty, and still where the keys go
  expect(await focusedId(page)).toBe("scan-barcode");
  expect(await page.locator("#scan-barcode").inputValue()).toBe("");
}

describe("the scan station, printouts and the outbox", { timeout: 180_000 }, () => {
  it("picks and scans in by keyboard alone, and tells each refusal apart", async () => {
    const transit = await placeFor("MAIN", "DIGI_DEPT_INST"); // picked at MAIN, digitized at the department
    const science = await placeFor("SCI"); // handled at SCI_DIGI
    const idle = await freeItem("MAIN", 3);
    const page = await newStaffPage();
    await signInAt(page, "/", "demo-requests-operator");
    // several places: the station asks where first (Tab and Enter, no mouse)
    await page.getByRole("heading", { level: 1, name: "Where are you working today?" }).waitFor();
    await tabTo(page, 'button[aria-label="Work here: Digitization Department For Institution"]');
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Work queues" }).waitFor();
    await tabTo(page, 'nav a[href$="/staff/scan"]');
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Scan station" }).waitFor();
    await page.getByText("Scanning for Digitization Department For Institution.").waitFor();
    // the field takes the scanner's keys on arrival, and Tab comes back to it
    expect(await focusedId(page)).toBe("scan-barcode");
    await page.keyboard.press("Shift+Tab");
    expect(await focusedId(page)).not.toBe("scan-barcode");
    await tabTo(page, "#scan-barcode");
    await expectAccessible(page, "the scan station, ready");

    await scan(page, transit.barcode, /Picked/);
    const done = page.getByRole("status");
    await expect(done.textContent()).resolves.toContain("Send it to Digitization Department For Institution");
    await expect(done.textContent()).resolves.toContain(transit.title);
    expect(await stateOf(transit.id)).toBe("IN_TRANSIT");
    expect(await tones(page)).toEqual([880]);
    await expectAccessible(page, "the scan station after a pick");

    await scan(page, transit.barcode, /Arrived and scanned in/);
    expect(await stateOf(transit.id)).toBe("IN_DIGITIZATION");

    await scan(page, "NO-SUCH-BARCODE", /Unknown barcode/);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("No item has the barcode NO-SUCH-BARCODE");
    expect(await tones(page)).toEqual([880, 220, 220]);
    await expectAccessible(page, "the scan station after an unknown barcode");

    await scan(page, idle.barcode, /No open request/);
    await scan(page, science.barcode, /Another place’s request/);
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "handled at Science Library Digitization (SCI_DIGI), not here",
    );
    expect(await stateOf(science.id)).toBe("PICK_FROM_SHELF");
    await scan(page, transit.barcode, /Nothing to scan/);
    await expectAccessible(page, "the scan station after a refusal");

    // the session's scans, newest first, each leading to its request
    const log = page.getByRole("list", { name: "Scans in this session, newest first" }).getByRole("listitem");
    await expect(log.count()).resolves.toBe(6);
    await expect(log.first().textContent()).resolves.toContain("Nothing to scan");
    await expect(log.nth(1).textContent()).resolves.toContain(science.barcode);
    await expect(log.last().getByRole("link").getAttribute("href")).resolves.toBe(`/staff/requests/${transit.id}`);

    // the sound can be switched off, by keyboard too
    expect(await tones(page)).toEqual([220, 220, 220, 220, 220, 220]);
    await tabTo(page, "#scan-sound");
    await page.keyboard.press("Space");
    await tabTo(page, "#scan-barcode");
    await scan(page, "NO-SUCH-BARCODE", /Unknown barcode/);
    expect(await tones(page)).toEqual([]);

    // the session's list stays while the operator looks elsewhere and comes back
    await page.getByRole("link", { name: "Work queues" }).click();
    await page.getByRole("heading", { level: 1, name: "Work queues" }).waitFor();
    await page.getByRole("link", { name: "Scan station" }).click();
    await page.getByRole("heading", { level: 1, name: "Scan station" }).waitFor();
    await expect(log.count()).resolves.toBe(7);
  });

  it("asks for a place when 'all my places' is chosen, and fits 320 px", async () => {
    const page = await newStaffPage(320);
    await signInAt(page, "/scan", "demo-requests-operator");
    await page.getByRole("heading", { level: 1, name: "Where are you working today?" }).waitFor();
    await page.getByLabel("Working at").selectOption("all");
    await page.getByRole("heading", { level: 2, name: "Where are you scanning?" }).waitFor();
    await expectAccessible(page, "the scan station without a place");
    await expectNoSideways(page, "the scan station without a place at 320 px");
    await page.getByRole("button", { name: "Scan for Main circulation desk" }).click();
    await page.getByText("Scanning for Main circulation desk.").waitFor();
    expect(await focusedId(page)).toBe("scan-barcode");
    await scan(page, "NO-SUCH-BARCODE", /Unknown barcode/);
    await expectAccessible(page, "the scan station at 320 px");
    await expectNoSideways(page, "the scan station at 320 px");
  });

  it("prints, prints again and dismisses pick slips, saying what it did", async () => {
    const slip = await placeFor("SCI"); // its slip goes to SCI_DIGI's on-screen printer
    await processOutbox(suite.recto.ctx, { print: runPrintJob }, { now: suite.recto.ctx.clock.now() });
    const page = await newStaffPage();
    await signInAt(page, "/printouts", "demo-work-order-operator");
    await page.getByRole("heading", { level: 1, name: "Printouts" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: slip.title });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("Science printout queue");
    await expectAccessible(page, "the printout queue");

    const pdf = page.context().waitForEvent("page");
    await row.getByRole("button", { name: `Print, slip for request ${slip.id}` }).click();
    expect((await pdf).url()).toContain("/api/v1/printouts/");
    await page
      .getByRole("status")
      .filter({ hasText: `The slip for request ${slip.id} is marked printed.` })
      .waitFor();
    await row.waitFor({ state: "detached" }); // no longer waiting to print
    await expectAccessible(page, "the printout queue after printing");

    await page.getByLabel("Show").selectOption("printed");
    await page.waitForURL(/status=printed/);
    const printed = page.getByRole("row").filter({ hasText: slip.title });
    await expect(printed.textContent()).resolves.toContain("Printed once");
    const again = page.context().waitForEvent("page");
    await printed.getByRole("button", { name: `Print again, slip for request ${slip.id}` }).click();
    await again;
    await page.getByRole("status").filter({ hasText: "marked printed again" }).waitFor();
    await printed.getByText("Printed 2 times").waitFor();
    await printed.getByRole("button", { name: `Dismiss, slip for request ${slip.id}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `The slip for request ${slip.id} is dismissed.` })
      .waitFor();
    const stored = await suite.recto.ctx.db
      .selectFrom("printouts")
      .select(["status", "print_count"])
      .where("request_id", "=", slip.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: "dismissed", print_count: 2 });
    await expectAccessible(page, "the printed slips after dismissing one");

    const narrow = await newStaffPage(320);
    await signInAt(narrow, "/printouts?status=all", "demo-work-order-operator");
    await narrow.getByRole("row").filter({ hasText: slip.title }).waitFor();
    await expectAccessible(narrow, "the printout queue at 320 px");
    await expectNoSideways(narrow, "the printout queue at 320 px");
  });

  it("shows a failed letter with its error and sends it again", async () => {
    const { id: institutionId } = await suite.recto.ctx.db
      .selectFrom("institutions")
      .select("id")
      .where("code", "=", "DEMO")
      .executeTakeFirstOrThrow();
    const request = await placeFor("MAIN");
    const at = suite.recto.ctx.clock.now().toISOString();
    const letter = await insertOutboxRow(suite.recto.ctx.db, {
      institution_id: institutionId,
      kind: "letter",
      topic: "request_received",
      request_id: request.id,
      payload: JSON.stringify({ user_id: await userId("demo-faculty") }),
      at,
    });
    // as the worker leaves a letter after its last try against a mail server that is not there
    await suite.recto.ctx.db
      .updateTable("outbox")
      .set({
        status: "failed",
        attempts: 8,
        processed_at: at,
        last_error: "connect ECONNREFUSED 127.0.0.1:2525",
      })
      .where("id", "=", letter)
      .execute();

    const page = await newStaffPage();
    await signInAt(page, "/outbox", "demo-letter-admin");
    await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: `Request ${request.id}` });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain("Request received");
    expect(text).toContain("Tried 8 times");
    expect(text).toContain("connect ECONNREFUSED 127.0.0.1:2525");
    await expectAccessible(page, "the outbox with a failed letter");

    const narrow = await newStaffPage(320);
    await signInAt(narrow, "/outbox", "demo-letter-admin");
    await narrow
      .getByRole("row")
      .filter({ hasText: `Request ${request.id}` })
      .waitFor();
    await expectAccessible(narrow, "the outbox at 320 px");
    await expectNoSideways(narrow, "the outbox at 320 px");

    await tabTo(page, "tbody button");
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: `Letter: Request received (Request ${request.id}) will be sent again shortly.` })
      .waitFor();
    await row.waitFor({ state: "detached" });
    // the row left the list: focus goes to the list's heading, not to the page's start
    await page.waitForFunction(() => document.activeElement?.classList.contains("jobs-heading"));
    const stored = await suite.recto.ctx.db
      .selectFrom("outbox")
      .select(["status", "attempts"])
      .where("id", "=", letter)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: "pending", attempts: 0 });
    await expectAccessible(page, "the outbox after sending again");

    await page.getByLabel("Show").selectOption("pending");
    await page
      .getByRole("row")
      .filter({ hasText: `Request ${request.id}` })
      .filter({ hasText: "Request received" })
      .getByText("Not tried yet")
      .first()
      .waitFor();
  });

  it("never logs a page error or a CSP refusal", () => {
    expect(suite.problems()).toEqual([]);
  });
});

import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiKeyByPrimaryId } from "../../src/people/api-keys.js";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The work queues at /staff/: the demo Requests Operator works at the Main circulation desk,
 * sees each queue's count, opens the pick queue, filters it, selects two requests by keyboard
 * alone and marks them picked; the rows leave the pick queue for the next one.
 */

const shots = process.env.RECTO_SCREENSHOTS;
const suite = useBrowserSuite();
/** the titles placed for demo-faculty, newest first */
const facultyTitles: string[] = [];

beforeAll(async () => {
  // The desk places requests for two patrons: items of MAIN are picked at the Main circulation desk.
  const { key } = await issueApiKeyByPrimaryId(
    suite.recto.ctx.db,
    { institution: "DEMO", user: "demo-fs-operator", label: "browser test" },
    new Date(),
  );
  const place = async (user: string, mmsId: number) => {
    const res = await fetch(`${suite.recto.url}/api/v1/requests`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        user_id: user,
        mms_id: mmsId,
        partial_digitization: true,
        required_pages_range: [{ from_page: "5", to_page: "9" }],
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { title: string; target_destination: { code: string } | null };
  };
  for (let mmsId = 1; facultyTitles.length < 3 && mmsId < 40; mmsId++) {
    const faculty = await place("demo-faculty", mmsId);
    await place("demo-staff", mmsId);
    if (faculty.target_destination?.code === "MAIN_CIRC") facultyTitles.unshift(faculty.title);
  }
  expect(facultyTitles).toHaveLength(3);
}, 120_000);

async function signInAtDesk(width = 1280): Promise<Page> {
  const page = await suite.newPage({ width });
  await page.goto(`${suite.recto.url}/staff/`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, "demo-requests-operator");
  await page.getByRole("button", { name: "Work here: Main circulation desk" }).click();
  await page.getByRole("heading", { level: 1, name: "Work queues" }).waitFor();
  return page;
}

/** Presses Shift+Tab until the focused element matches the CSS selector. */
async function shiftTabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Shift+Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${max} presses of Shift+Tab never reached ${selector}`);
}

const tab = (page: Page, name: RegExp) => page.getByRole("tab", { name });
const rowTitles = (page: Page) => page.locator(".queue-table tbody .queue-title a").allTextContents();
const countOn = async (page: Page, name: RegExp) => Number(await tab(page, name).locator(".queue-count").textContent());

describe("the work queues", () => {
  it("a Requests Operator filters the pick queue, marks two picked by keyboard, and they move on", async () => {
    const page = await signInAtDesk();
    await page.getByText("At Main circulation desk.").waitFor();
    await page.locator(".queue-table").waitFor();
    // counts on every tab, the pick queue open
    await tab(page, /Pick from shelf/)
      .locator(".queue-count")
      .waitFor();
    const toPick = await countOn(page, /Pick from shelf/);
    expect(toPick).toBeGreaterThanOrEqual(6);
    // what waits on MAIN's shelves is the pick side's work, never also "to scan in" at its own desk
    expect(await countOn(page, /To scan in/)).toBe(0);
    await page.getByText("Items waiting on the shelves of this place’s library: pick them.").waitFor();
    if (shots) await page.screenshot({ path: `${shots}/queues-pick.png`, fullPage: true });
    expect(await tab(page, /Pick from shelf/).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(".queue-table tbody tr").count()).toBe(toPick);
    await expectAccessible(page, "the pick queue");

    // filter by patron: the address says so, and only demo-faculty's requests are listed
    await page.getByLabel("Patron id").fill("demo-faculty");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/patron=demo-faculty/);
    // The rows are read once the filtered page has come: while it loads, the table can be empty.
    const patrons = () => page.locator(".queue-table tbody td:nth-child(3)").allTextContents();
    await expect.poll(async () => new Set(await patrons())).toEqual(new Set(["demo-faculty"]));
    expect(await page.locator(".queue-table tbody tr").count()).toBeLessThan(toPick);
    const filtered = await rowTitles(page);
    expect(filtered.slice(0, 3)).toEqual(facultyTitles);
    await expectAccessible(page, "the pick queue filtered");

    // keyboard only: tick the first two rows, then mark them picked
    const [first, second] = facultyTitles as [string, string];
    await tabTo(page, `input[aria-label="Select ${first}"]`);
    await page.keyboard.press("Space");
    await tabTo(page, `input[aria-label="Select ${second}"]`);
    await page.keyboard.press("Space");
    await page.getByText("2 requests selected").waitFor();
    // the actions stand above the table: back up to them
    await shiftTabTo(page, ".queue-actions .queue-pick");
    await page.keyboard.press("Enter");
    const status = page.getByRole("status");
    await status.getByText("2 requests marked picked.").waitFor();
    expect(await status.locator("li").allTextContents()).toEqual([
      `✓ ${first}: picked, now In digitization.`,
      `✓ ${second}: picked, now In digitization.`,
    ]);
    await expectAccessible(page, "after marking picked");
    // they left the pick queue; picked at the desk that scans them, they are being digitized
    await expect.poll(() => rowTitles(page)).toEqual(filtered.slice(2));
    await expect.poll(() => countOn(page, /Pick from shelf/)).toBe(toPick - 2);
    await tab(page, /In digitization/).click();
    await page.waitForURL(/queue=digitization/);
    await expect.poll(() => rowTitles(page)).toEqual([first, second]);
    expect(await countOn(page, /In digitization/)).toBe(2);
    expect(await countOn(page, /To scan in/)).toBe(0);
    // the filter stays with the address; the back button returns to the pick queue
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes("queue="));
    expect(await tab(page, /Pick from shelf/).getAttribute("aria-selected")).toBe("true");
  });

  it("says so when a queue is empty, and queues the slips of chosen requests", async () => {
    const page = await signInAtDesk();
    await tab(page, /Approval/).click();
    await page.getByText("Nothing in this queue.").waitFor();
    await expectAccessible(page, "an empty queue");
    await tab(page, /Pick from shelf/).click();
    await page.locator(".queue-check").first().check();
    await page.getByRole("button", { name: "Print slips" }).click();
    await page.getByRole("status").getByText("The slip is on its way to the printout queue.").waitFor();
    await page.getByRole("link", { name: "Open the printouts" }).waitFor();
  });

  it("reflows at 320 px: each request a card", async () => {
    const page = await signInAtDesk(320);
    await page.locator(".queue-table").waitFor();
    await expectNoSideways(page, "the pick queue at 320 px");
    if (shots) await page.screenshot({ path: `${shots}/queues-pick-320.png`, fullPage: true });
    await expectAccessible(page, "the pick queue at 320 px");
  });

  it("never logs a page error or a CSP refusal", () => {
    expect(suite.problems()).toEqual([]);
  });
});

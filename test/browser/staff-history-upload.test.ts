import { describe, expect, it } from "vitest";
import { pickItem, scanIn } from "../../src/requests/handling-steps.js";
import { expectAccessible, expectNoSideways, fillSignIn, pdfWithPages, useBrowserSuite } from "./browser.js";
import { staffFixtures } from "./staff-fixtures.js";

/*
 * The request's page (issue 12, point 4): the history reads as words with who and when, in the
 * institution's time zone; an upload that meets an ended session asks to sign in again, as every
 * other call does, and offers the same file again afterwards.
 */

const suite = useBrowserSuite();
const fx = staffFixtures(suite);

/** A request picked by demo-requests-operator and, when it went in transit, scanned in at its place. */
async function pickedRequest() {
  const placed = await fx.placeForGrad();
  const db = suite.recto.ctx.db;
  await pickItem(db, await fx.actorOf("demo-requests-operator"), placed.id, { note: "Top shelf" }, new Date());
  const { state } = await db
    .selectFrom("requests")
    .select("state")
    .where("id", "=", placed.id)
    .executeTakeFirstOrThrow();
  if (state === "IN_TRANSIT") await scanIn(db, await fx.actorOf("demo-work-order-operator"), placed.id, {}, new Date());
  return placed;
}

describe("a request's history on the staff page", { timeout: 120_000 }, () => {
  it("says each event in words, by whom and when in the institution's zone, in every language", async () => {
    const placed = await pickedRequest();
    const page = await fx.signInToStaff("demo-fs-manager", `/requests/${placed.id}`);
    const timeline = page.locator(".timeline");
    await timeline.getByText("Picked from the shelf", { exact: true }).waitFor();
    const events = await page.locator(".timeline-event").allTextContents();
    expect(events[0]).toMatch(/^Placed → New/);
    const pick = events.find((e) => e.startsWith("Picked from the shelf"))!;
    expect(pick).toContain("by demo-requests-operator");
    expect(pick).toContain("Note: Top shelf");
    // No event's code shows: every one the server wrote here has its words.
    for (const e of events) expect(e.split(" · ")[0]).not.toMatch(/[a-z]+_[a-z]+/);

    // The time is the demo institution's (America/New_York), named, whatever the browser's zone.
    const history = await page.evaluate(
      async (id) => (await (await fetch(`/api/v1/requests/${id}/history`)).json()) as { events: { at: string }[] },
      placed.id,
    );
    const at = new Date(history.events[0]!.at);
    const hour = new Intl.DateTimeFormat("en", { hour: "numeric", minute: "2-digit", timeZone: "America/New_York" })
      .format(at)
      .replace(/\s/g, " ");
    const first = page.locator(".timeline-event time").first();
    expect((await first.textContent())!.replace(/\s/g, " ")).toContain(hour);
    expect(await first.getAttribute("datetime")).toBe(history.events[0]!.at);
    const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (browserZone !== "America/New_York") expect(await first.textContent()).toMatch(/GMT-[45]|E[SD]T/);
    await expectAccessible(page, "the history in English");

    for (const [lang, picked] of [
      ["Français", "Prélevée en rayon"],
      ["Deutsch", "Aus dem Regal ausgehoben"],
      ["Español", "Recogida del estante"],
    ] as const) {
      await page.getByRole("button", { name: lang }).click();
      await timeline.getByText(picked, { exact: true }).waitFor();
      await expectAccessible(page, `the history in ${lang}`);
    }
  });
});

describe("an upload whose session has ended", { timeout: 120_000 }, () => {
  it("asks to sign in again, then offers the same file, which is sent on a press", async () => {
    const placed = await pickedRequest();
    const page = await fx.signInToStaff("demo-work-order-operator", `/requests/${placed.id}`);
    await page.getByText("Drop the scan here").waitFor();
    // The session ends on the server's side (signed out elsewhere), the page does not know yet.
    await page.context().clearCookies();
    await page.locator("#upload-file").setInputFiles({
      name: "chapter-9.pdf",
      mimeType: "application/pdf",
      buffer: await pdfWithPages(2),
    });
    await page.waitForURL(/\/staff\/sign-in\?expired=1&return=/);
    await page.getByRole("status").getByText("Your session ended. Sign in again").waitFor();
    await expectAccessible(page, "asked to sign in again after the upload");
    const files = await suite.recto.ctx.db
      .selectFrom("request_files")
      .select("id")
      .where("request_id", "=", placed.id)
      .execute();
    expect(files).toEqual([]);

    await fillSignIn(page, "demo-work-order-operator");
    await page.waitForURL(new RegExp(`/staff/requests/${placed.id}$`));
    const kept = page.locator(".upload-kept");
    await kept.getByText("Your session ended before chapter-9.pdf was sent.").waitFor();
    await expectAccessible(page, "the file offered again");
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSideways(page, "the file offered again at 320 px");
    await kept.getByRole("button", { name: "Send chapter-9.pdf" }).click();
    await expect
      .poll(() => page.locator("#upload-outcome").textContent(), { timeout: 20_000 })
      .toContain("chapter-9.pdf is attached: 2 pages.");
    expect(await kept.count()).toBe(0);
    await expectAccessible(page, "the kept file attached");
  });
});

import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../../src/auth/repository.js";
import { sendOutboxLetter } from "../../src/letters/send-letter.js";
import { processOutbox } from "../../src/outbox/process-outbox.js";
import { requestFormSchema } from "../../src/requests/form.js";
import { placeRequest } from "../../src/requests/place-request.js";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * My requests, a request's page (its history, its file, cancelling it), OpenURL and the expired
 * session, in Chromium against the real server and the demo: no axe violation, 320 px reflow,
 * the CSP, and the keyboard.
 */

const suite = useBrowserSuite({ acceptDownloads: true });
const newPage = suite.newPage;

beforeAll(async () => {
  // The demo's delivered request: its letter (and so its link) is sent as the worker would.
  await processOutbox(
    suite.recto.ctx,
    { letter: sendOutboxLetter },
    { now: suite.recto.ctx.clock.now(), batchSize: 100 },
  );
}, 120_000);

async function signIn(page: Page, userId: string, path = "/"): Promise<void> {
  await page.goto(`${suite.recto.url}${path}`);
  await fillSignIn(page, userId);
}

/** A request placed for the patron through the real use case, on the n-th title with an item on the shelf. */
async function placeFor(primaryId: string, nth: number): Promise<{ id: number; title: string }> {
  const db = suite.recto.ctx.db;
  const user = await db.selectFrom("users").select("id").where("primary_id", "=", primaryId).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, user.id, "session"))!;
  const item = await db
    .selectFrom("items as i")
    .innerJoin("bibs as b", "b.id", "i.bib_id")
    .select(["i.id", "i.bib_id", "b.title"])
    .where("i.process_status", "=", "IN_PLACE")
    .where("i.description", "is", null)
    .orderBy("i.id")
    .offset(nth)
    .limit(1)
    .executeTakeFirstOrThrow();
  const placed = await placeRequest(
    db,
    actor,
    {
      userId: actor.userId,
      mmsId: item.bib_id,
      itemId: item.id,
      source: "patron",
      form: requestFormSchema.parse({ required_pages_range: [{ from_page: "12", to_page: "19" }] }),
    },
    suite.recto.ctx.clock.now(),
  );
  const id = placed.request.id;
  return { id, title: item.title };
}

async function endSessions(primaryId: string): Promise<void> {
  const user = await suite.recto.ctx.db
    .selectFrom("users")
    .select("id")
    .where("primary_id", "=", primaryId)
    .executeTakeFirstOrThrow();
  await suite.recto.ctx.db.deleteFrom("sessions").where("user_id", "=", user.id).execute();
}

describe("my requests in a browser", { timeout: 120_000 }, () => {
  it("an empty list says so and leads to the search", async () => {
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await signIn(page, "demo-undergrad", "/requests");
      await page.locator("h1", { hasText: "My requests" }).waitFor();
      await page.getByText("You have not asked for any copies yet.").waitFor();
      await expectAccessible(page, `my requests empty ${width}px`);
      await expectNoSideways(page, `my requests empty ${width}px`);
    }
  });

  it("staff who sign in as patrons see their own requests, not those their roles reach", async () => {
    const page = await newPage();
    await signIn(page, "demo-fs-manager", "/requests");
    await page.getByText("You have not asked for any copies yet.").waitFor();
    expect(await page.locator(".request-card").count()).toBe(0);
  });

  it("lists requests newest first with status in words, opens one, cancels it through the dialog", async () => {
    const older = await placeFor("demo-undergrad", 0);
    const newer = await placeFor("demo-undergrad", 1);
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await signIn(page, "demo-undergrad");
      await page.getByRole("link", { name: "My requests" }).click();
      await page.locator(".request-card").first().waitFor();
      const titles = await page.locator(".request-card .result-title").allTextContents();
      expect(titles.slice(0, 2)).toEqual([newer.title, older.title]);
      const state = await page.locator(".request-card .state").first().textContent();
      expect(state).toMatch(/^(Received|Waiting for approval|Being fetched|Being scanned)$/);
      expect(await page.locator(".request-card").first().textContent()).toContain("12–19");
      await expectAccessible(page, `my requests ${width}px`);
      await expectNoSideways(page, `my requests ${width}px`);

      await page.goto(`${suite.recto.url}/requests/${older.id}`);
      await page.locator("#history-heading").waitFor();
      await page.locator(".timeline-event").first().waitFor();
      await expectAccessible(page, `open request ${width}px`);
      await expectNoSideways(page, `open request ${width}px`);
    }
    const page = await newPage();
    await signIn(page, "demo-undergrad", `/requests/${older.id}`);
    await page.getByRole("button", { name: "Cancel request" }).click();
    await page.getByRole("alertdialog").waitFor();
    expect(await page.getByRole("alertdialog").textContent()).toContain(older.title);
    await expectAccessible(page, "cancel dialog");
    // "No, keep it" changes nothing.
    await page.getByRole("button", { name: "No, keep it" }).click();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    const stored = await suite.recto.ctx.db
      .selectFrom("requests")
      .select("state")
      .where("id", "=", older.id)
      .executeTakeFirstOrThrow();
    expect(stored.state).not.toBe("CANCELLED");

    await page.getByRole("button", { name: "Cancel request" }).click();
    await page.locator("#cancel-reason").fill("Found it in the library");
    await page.getByRole("button", { name: "Yes, cancel the request" }).click();
    await page.getByText("Your request has been cancelled.").waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains("cancelled-note") ?? false);
    expect(await page.locator(".request-state .state").textContent()).toBe("Cancelled");
    await page.getByText("Reason: Found it in the library").waitFor();
    expect(await page.getByRole("button", { name: "Cancel request" }).count()).toBe(0);
    await expectAccessible(page, "cancelled request");
  });

  it("a cancel the library overtook says so, and the page shows where the request stands", async () => {
    const { id } = await placeFor("demo-grad", 5);
    const page = await newPage({ width: 320 });
    await signIn(page, "demo-grad", `/requests/${id}`);
    await page.getByRole("button", { name: "Cancel request" }).click();
    await page.locator("#cancel-reason").fill("Found it elsewhere");
    // meanwhile the library closes it
    const db = suite.recto.ctx.db;
    const staff = await db
      .selectFrom("users")
      .select("id")
      .where("primary_id", "=", "demo-work-order-operator")
      .executeTakeFirstOrThrow();
    const { cancelRequest } = await import("../../src/requests/close-request.js");
    await cancelRequest(
      db,
      (await loadActor(db, staff.id, "session"))!,
      id,
      { reason: "Too fragile to scan", notifyUser: false },
      new Date(),
    );
    await page.getByRole("button", { name: "Yes, cancel the request" }).click();
    await page.getByText("Not cancelled: the library has just changed this request.", { exact: false }).waitFor();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.classList.contains("cancelled-note") ?? false);
    expect(await page.locator(".request-state .state").textContent()).toBe("Cancelled");
    await page.getByText("Reason: Too fragile to scan").waitFor();
    expect(await page.getByText("Try again").count()).toBe(0);
    await expectAccessible(page, "cancel overtaken");
    await expectNoSideways(page, "cancel overtaken");
  });

  it("a delivered request shows its file, downloads left and expiry, and downloads it", async () => {
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await signIn(page, "demo-faculty", "/requests");
      await page.locator(".request-card .state", { hasText: "Ready to download" }).first().waitFor();
      await page.locator(".request-card:has(.state-delivered) .result-title a").first().click();
      await page.locator("#files-heading").waitFor();
      await page.getByText(/downloads? left/).waitFor();
      await page.getByText(/You can download it until/).waitFor();
      await expectAccessible(page, `delivered ${width}px`);
      await expectNoSideways(page, `delivered ${width}px`);
    }
  });

  it("by keyboard alone: open My requests, open a request, download its file; cancel another through the dialog", async () => {
    const open = await placeFor("demo-faculty", 2);
    const page = await newPage();
    await signIn(page, "demo-faculty");
    await tabTo(page, "a.account-link");
    await page.keyboard.press("Enter");
    await page.locator(".request-card").first().waitFor();

    await tabTo(page, ".request-card:has(.state-delivered) .result-title a");
    await page.keyboard.press("Enter");
    await page.locator("#files-heading").waitFor();
    const before = await page.locator(".download .strong").textContent();
    await tabTo(page, ".download a.button");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("demo-scan.pdf");
    expect(await download.failure()).toBeNull();
    await page.waitForFunction((b) => document.querySelector(".download .strong")?.textContent !== b, before);

    await page.goto(`${suite.recto.url}/requests`);
    await page.locator(".request-card").first().waitFor();
    await tabTo(page, `.request-card a[href$="/requests/${open.id}"]`);
    await page.keyboard.press("Enter");
    await page.locator("#history-heading").waitFor();
    await tabTo(page, "#cancel-heading + button, section[aria-labelledby=cancel-heading] button");
    await page.keyboard.press("Enter");
    await page.getByRole("alertdialog").waitFor();
    await page.waitForFunction(() => document.activeElement?.closest("[role=alertdialog]") != null);
    await tabTo(page, "#cancel-reason");
    await page.keyboard.type("No longer needed");
    await tabTo(page, "[role=alertdialog] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByText("Your request has been cancelled.").waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains("cancelled-note") ?? false);
  });

  it("an ended session keeps the reason typed, asks to sign in, and returns to the dialog as it was", async () => {
    const { id } = await placeFor("demo-undergrad", 3);
    const page = await newPage();
    await signIn(page, "demo-undergrad", `/requests/${id}`);
    await page.getByRole("button", { name: "Cancel request" }).click();
    await page.locator("#cancel-reason").fill("Typed before the session ended");
    await endSessions("demo-undergrad");
    await page.getByRole("button", { name: "Yes, cancel the request" }).click();

    await page.locator("h1", { hasText: "Sign in" }).waitFor();
    await page.getByText("Your session ended.").waitFor();
    expect(new URL(page.url()).searchParams.get("return")).toBe(`/requests/${id}`);
    await expectAccessible(page, "sign-in after the session ended");
    const stored = await suite.recto.ctx.db
      .selectFrom("requests")
      .select("state")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.state).not.toBe("CANCELLED");

    await fillSignIn(page, "demo-undergrad");
    await page.getByRole("alertdialog").waitFor();
    expect(await page.locator("#cancel-reason").inputValue()).toBe("Typed before the session ended");
    await page.getByRole("button", { name: "Yes, cancel the request" }).click();
    await page.getByText("Your request has been cancelled.").waitFor();
    await page.getByText("Reason: Typed before the session ended").waitFor();
    // What was kept is forgotten once used: opening the page again starts afresh.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("recto.form.")))).toEqual(
      [],
    );
  });

  it("another patron's request is not found", async () => {
    const { id } = await placeFor("demo-faculty", 4);
    const page = await newPage();
    await signIn(page, "demo-undergrad", `/requests/${id}`);
    await page.locator("h1", { hasText: "Page not found" }).waitFor();
  });
});

describe("OpenURL in a browser", { timeout: 120_000 }, () => {
  it("a match opens the request form pre-filled, after signing in", async () => {
    const bib = await suite.recto.ctx.db
      .selectFrom("bibs")
      .select(["id", "isbn"])
      .where("isbn", "is not", null)
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    const page = await newPage();
    const query =
      `url_ver=Z39.88-2004&rft.genre=bookitem&rft.btitle=Whatever&rft.isbn=${bib.isbn}` +
      "&rft.atitle=A%20chapter&rft.au=Doe%2C%20Jane&rft.spage=3&rft.epage=9&rft.date=2001";
    await page.goto(`${suite.recto.url}/openurl?${query}`);
    await page.locator("h1", { hasText: "Sign in" }).waitFor();
    await fillSignIn(page, "demo-undergrad");
    await page.waitForURL(/\/titles\/\d+\/request\?/);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/titles/${bib.id}/request`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      pages: "3-9",
      atitle: "A chapter",
      aau: "Doe, Jane",
      date: "2001",
      source: "openurl",
    });
  });

  it("no match shows the search with the citation kept", async () => {
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await signIn(page, "demo-undergrad");
      await page.goto(
        `${suite.recto.url}/openurl?genre=article&atitle=Quantum%20zebras&title=Journal%20of%20qqqzzz&aulast=Nobody&volume=4`,
      );
      await page.locator("#citation-heading", { hasText: "We could not find this exact title" }).waitFor();
      expect(await page.locator("#q").inputValue()).toBe("Journal of qqqzzz");
      expect(await page.locator(".citation").textContent()).toContain("Quantum zebras");
      await page.locator("#results-heading").waitFor();
      await expectAccessible(page, `openurl no match ${width}px`);
      await expectNoSideways(page, `openurl no match ${width}px`);
    }
  });

  it("an unreadable OpenURL says so, with the way to search", async () => {
    for (const q of ["rft.title=%E0%A4%A", "sid=nothing&rft.volume=3"]) {
      const page = await newPage();
      await signIn(page, "demo-undergrad");
      await page.goto(`${suite.recto.url}/openurl?${q}`);
      await page.locator("h1", { hasText: "This link cannot be read" }).waitFor();
      await page.getByRole("link", { name: "Search the catalogue" }).waitFor();
      await expectAccessible(page, `openurl unreadable ${q}`);
    }
  });

  it("no page broke the CSP or threw", () => {
    expect(suite.problems()).toEqual([]);
  });
});

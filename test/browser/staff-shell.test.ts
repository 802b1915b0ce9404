import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectNoSideways, fillSignIn, useBrowserSuite } from "./browser.js";

/*
 * The staff app's frame at /staff: signing in, the screens each demo role is given by the
 * server's workspace answer, choosing the place to work at, and who is turned away.
 */

const suite = useBrowserSuite();

async function signInToStaff(userId: string, options: { width?: number } = {}): Promise<Page> {
  const page = await suite.newPage(options);
  await page.goto(`${suite.recto.url}/staff/`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, userId);
  return page;
}

const navLinks = (page: Page) =>
  page.getByRole("navigation", { name: "Staff work" }).getByRole("link").allTextContents();

describe("the staff app's frame", () => {
  it("asks someone who works at several places where they are, then shows that place's work", async () => {
    const page = await signInToStaff("demo-work-order-operator");
    await page.getByRole("heading", { level: 1, name: "Where are you working today?" }).waitFor();
    await expectAccessible(page, "choosing the place");
    // The header does not claim "all my places" while the page asks.
    const header = await page.getByLabel("Working at").evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);
    expect(header).toBe("Not chosen yet");
    const cards = page.locator(".place-card h2");
    expect(await cards.count()).toBe(3);
    await page
      .getByRole("button", { name: /Work here: .*SCI/i })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: "Work queues" }).waitFor();
    expect(await navLinks(page)).toEqual(["Work queues", "Scan station", "Printouts"]);
    const chosen = await page.getByLabel("Working at").evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);
    expect(chosen).toMatch(/SCI|Science/i);
    await expectAccessible(page, "queues with a place chosen");
    // The choice is kept in this browser: the next visit goes straight to the work.
    await page.goto(`${suite.recto.url}/staff/`);
    await page.getByRole("heading", { level: 1, name: "Work queues" }).waitFor();
  });

  it("turns a patron away in words, with a way to the patron pages", async () => {
    const page = await signInToStaff("demo-undergrad");
    await page.getByRole("heading", { level: 1, name: "These pages are for library staff" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Staff work" }).count()).toBe(0);
    await expectAccessible(page, "a patron at /staff");
    await page.getByRole("link", { name: "Go to the patron pages" }).click();
    await page.waitForURL(`${suite.recto.url}/`);
  });

  it("sends each role to the first screen with work for it", async () => {
    const letters = await signInToStaff("demo-letter-admin");
    await letters.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    expect(await navLinks(letters)).toEqual(["Outbox", "Setup"]);

    // The fulfillment administrator's part is the setup, not the printouts their role also sees.
    const admin = await signInToStaff("demo-fulfillment-admin");
    await admin.waitForURL(/\/staff\/setup$/);
    await admin.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await navLinks(admin)).toEqual(["Printouts", "Outbox", "Explain", "Setup"]);
    await expectAccessible(admin, "the fulfillment administrator's home");

    const desk = await signInToStaff("demo-fs-operator", { width: 320 });
    await desk.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await navLinks(desk)).toEqual(expect.arrayContaining(["Work queues", "Request for a patron", "Printouts"]));
    expect(await navLinks(desk)).not.toContain("Scan station");
    await expectNoSideways(desk, "the desk's frame at 320 px");
    await expectAccessible(desk, "the desk's frame at 320 px");
  });

  it("speaks the language chosen with the switch", async () => {
    const page = await signInToStaff("demo-fs-manager");
    await page.getByRole("button", { name: "Français" }).click();
    await page.getByRole("navigation", { name: "Travail du personnel" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await expectAccessible(page, "the frame in French");
  });

  it("never logs a page error or a CSP refusal", () => {
    expect(suite.problems()).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { expectAccessible, expectNoSideways, fillSignIn, useBrowserSuite } from "./browser.js";

/*
 * The setup navigation on a phone: folded under the part being worked on, and once opened one
 * part a line, so no two short parts ("Step 9 Display logic", "Step 10 Letters") sit side by side
 * and read as one step.
 */

const suite = useBrowserSuite();

describe("the setup navigation at 320 px", { timeout: 60_000 }, () => {
  it("opens to one part a line, by keyboard", async () => {
    const page = await suite.newPage({ width: 320 });
    await page.goto(`${suite.recto.url}/staff/setup/readiness`);
    await page.waitForURL(/\/staff\/sign-in\?return=/);
    await fillSignIn(page, "demo-admin");
    const summary = page.locator(".setup-nav-fold summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    const links = page.locator('nav[aria-label="Setup"] a');
    await links.first().waitFor();
    const boxes = await links.evaluateAll((all) =>
      all.map((a) => {
        const r = a.getBoundingClientRect();
        return { text: a.textContent ?? "", top: Math.round(r.top), left: Math.round(r.left) };
      }),
    );
    expect(boxes.length).toBeGreaterThan(12);
    // each part below the one before it, and all starting at the same left edge
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.top, `${boxes[i]!.text} below ${boxes[i - 1]!.text}`).toBeGreaterThan(boxes[i - 1]!.top);
      expect(boxes[i]!.left, `${boxes[i]!.text} lined up`).toBe(boxes[0]!.left);
    }
    await expectNoSideways(page, "setup navigation open at 320 px");
    await expectAccessible(page, "setup navigation open at 320 px");
    expect(suite.problems()).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * Issue 13's keyboard line in one walk, as the demo's General System Administrator with no
 * pointer at all: a digitization rule moved down and the order saved, then, through the setup
 * navigation, a department opened, its work time changed and saved. The parts are each tested in
 * more detail in setup-rules and setup-org.
 */

const suite = useBrowserSuite();

describe("setup by keyboard alone", { timeout: 120_000 }, () => {
  it("reorders a rule and saves a department without a pointer", async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.recto.url}/staff/setup/rules/digitization`);
    await page.waitForURL(/\/staff\/sign-in\?return=/);
    await fillSignIn(page, "demo-admin");
    await page.getByRole("heading", { level: 1, name: "Digitization and copyright rules" }).waitFor();
    // reading what the server holds is the test's, not the person's: through the page's session
    const get = <T>(path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
    const order = async () =>
      (await get<{ rules: { id: number; name: string }[] }>("/api/v1/rule-tables/digitization")).rules;
    const before = await order();
    const first = before[0]!;

    await tabTo(page, `[aria-label="Move down: ${first.name}"]`, 80);
    await page.keyboard.press("Enter");
    await tabTo(page, ".rule-order-bar .button:not(.secondary)");
    await page.keyboard.press("Enter");
    await page.getByText("The order is saved.").waitFor();
    expect((await order()).map((r) => r.id)).toEqual([before[1]!.id, first.id, ...before.slice(2).map((r) => r.id)]);

    await tabTo(page, 'nav[aria-label="Setup"] a[href*="/setup/departments"]', 120);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Departments and desks" }).waitFor();
    await tabTo(page, 'a[href*="/setup/departments/DIGI_DEPT_INST"]', 80);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/setup\/departments\/DIGI_DEPT_INST/);
    await tabTo(page, "#dept-work-time", 80);
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("11");
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: /Saved: / })
      .waitFor();
    const dept = await suite.recto.ctx.db
      .selectFrom("departments")
      .select("work_time_days")
      .where("code", "=", "DIGI_DEPT_INST")
      .executeTakeFirstOrThrow();
    expect(dept.work_time_days).toBe(11);
    expect(suite.problems()).toEqual([]);
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoSideways,
  fillSignIn,
  launchChromium,
  pageFactory,
  startRecto,
  tabTo,
  type RunningRecto,
} from "./browser.js";

/*
 * The organisation screens of the setup section (issue 13, steps 2 to 5 and the consortium's
 * locked rows) as the demo's General System Administrator: each list, form, refusal and save
 * accessible (axe, 320 px), and a department created and saved with the keyboard alone.
 */

let recto: RunningRecto;
let browser: Browser;
const pages = pageFactory(() => browser);
const shots = process.env.SHOTS ?? process.env.RECTO_SCREENSHOTS;

beforeAll(async () => {
  recto = await startRecto();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await recto?.stop();
});

async function signIn(path: string, options: { width?: number; user?: string } = {}): Promise<Page> {
  const page = await pages.newPage(options.width ? { width: options.width } : {});
  await page.goto(`${recto.url}/staff/setup${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, options.user ?? "demo-admin");
  await page.waitForURL(new RegExp(`/staff/setup${path.replace(/[?]/g, "\\?")}$`));
  return page;
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/setup-org-${name}.png`, fullPage: true });
};

/** Every state of a screen: accessible, and at 320 px nothing wider than the window. */
async function check(page: Page, state: string): Promise<void> {
  await expectAccessible(page, state);
  await shot(page, state.replace(/[^a-z0-9]+/gi, "-"));
}

const departmentRows = async (code: string) =>
  recto.ctx.db.selectFrom("departments").selectAll().where("code", "=", code).execute();

describe("departments and desks", () => {
  it("lists the departments and each library's desks", async () => {
    const page = await signIn("/departments");
    await h1(page, "Departments and desks");
    await page.getByRole("heading", { level: 2, name: "Departments" }).waitFor();
    await page.getByRole("table").first().waitFor();
    await page.getByRole("heading", { level: 2, name: "Desks" }).waitFor();
    await check(page, "departments list");
  });

  it("shows the server's refusals beside the fields and in a summary, and writes nothing", async () => {
    const page = await signIn("/departments/new");
    await h1(page, "New department");
    await page.getByLabel("Code", { exact: true }).fill("BAD CODE!");
    await page.getByLabel("Map URL").fill("ftp://example.org/map");
    await page.getByRole("button", { name: "Create" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    expect(await summary.getByRole("link").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator("#dept-name").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#dept-map-url").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#dept-work-time").getAttribute("aria-invalid")).toBe("true");
    expect(await departmentRows("BAD CODE!")).toEqual([]);
    await check(page, "department form errors");
  });

  it("creates a department with the keyboard alone, then saves a change and announces it", async () => {
    const page = await signIn("/departments/new");
    await h1(page, "New department");
    await check(page, "department form new");
    await tabTo(page, "#dept-code");
    await page.keyboard.type("KEYS");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Keyboard scanning");
    await tabTo(page, "#dept-work-time");
    await page.keyboard.type("7");
    await tabTo(page, "#dept-emails");
    await page.keyboard.type("scan@example.org");
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    const status = page.getByRole("status").filter({ hasText: "Created: Keyboard scanning." });
    await status.waitFor();
    await page.waitForURL(/\/staff\/setup\/departments\/\d+$/);
    await h1(page, "Edit Keyboard scanning");
    const [row] = await departmentRows("KEYS");
    expect(row).toMatchObject({ name: "Keyboard scanning", work_time_days: 7, owner_level: "institution" });
    await check(page, "department saved");

    await tabTo(page, "#dept-work-time");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("9");
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Saved: Keyboard scanning." }).waitFor();
    expect((await departmentRows("KEYS"))[0]?.work_time_days).toBe(9);
  });

  it("makes a staff member an operator, saying it grants Work Order Operator", async () => {
    const [dep] = await recto.ctx.db.selectFrom("departments").select(["id", "name"]).limit(1).execute();
    const page = await signIn(`/departments/${dep!.id}`);
    await h1(page, `Edit ${dep!.name}`);
    await page.getByText(/gives them the Work Order Operator role/).waitFor();
    await page.getByRole("searchbox", { name: "Find a staff member" }).fill("demo-requests-operator");
    await page.getByRole("button", { name: "Search" }).click();
    const add = page.getByRole("button", { name: /^Make .* an operator$/ });
    await add.first().waitFor();
    await check(page, "department operators found");
    await add.first().click();
    await page
      .getByRole("status")
      .filter({ hasText: /is now an operator and has the Work Order Operator role/ })
      .waitFor();
    await check(page, "department operator added");
  });

  it("edits a desk: supports digitization needs a work time", async () => {
    const [desk] = await recto.ctx.db.selectFrom("circulation_desks").select(["id", "name"]).limit(1).execute();
    const page = await signIn(`/departments/desks/${desk!.id}`);
    await h1(page, `Edit ${desk!.name}`);
    await page.getByLabel("Supports digitization").check();
    await page.getByLabel("Work time in days").fill("");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    await check(page, "desk errors");
    await page.getByLabel("Work time in days").fill("3");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Saved: ${desk!.name}.` })
      .waitFor();
    await check(page, "desk saved");
  });

  it("reads at 320 px", async () => {
    const page = await signIn("/departments", { width: 320 });
    await h1(page, "Departments and desks");
    await page.getByRole("table").first().waitFor();
    await expectNoSideways(page, "departments 320");
    await check(page, "departments 320");
    await page.goto(`${recto.url}/staff/setup/departments/new`);
    await h1(page, "New department");
    await expectNoSideways(page, "department form 320");
    await check(page, "department form 320");
  });

  it("is not offered to staff whose roles do not let them change it", async () => {
    const page = await signIn("/departments", { user: "demo-letter-admin" });
    await h1(page, "Not yours to change");
    expect(
      await page
        .getByRole("navigation", { name: "Setup" })
        .getByRole("link", { name: /Departments/ })
        .count(),
    ).toBe(0);
    await check(page, "departments not allowed");
  });

  it("saw no page error or CSP refusal", () => {
    expect(pages.problems()).toEqual([]);
  });
});

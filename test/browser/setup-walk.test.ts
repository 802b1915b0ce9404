import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runQueuedMarcImports } from "../../src/catalogue/marc/import-jobs.js";
import { fileStorageFromConfig } from "../../src/files/file-storage.js";
import { createInstitutionAndReport, parseCreateInstitutionArgs } from "../../src/cli/create-institution.js";
import { expectAccessible, expectNoSideways, useBrowserSuite } from "./browser.js";

/*
 * Issue 13's "done when": the administrator of a new institution (`recto create-institution
 * --admin`) sets up a working digitization service in the staff app alone (the planning
 * questions, then whatever the readiness check still asks), sees the readiness page turn green,
 * and a patron of that institution places a request in the patron app. The catalogue is loaded
 * on the Catalogue screen too; the patron's account (with a password, which a patron load never
 * sets) is made through the API, as the administrator.
 */

const suite = useBrowserSuite();
const shots = process.env.SHOTS ?? process.env.RECTO_SCREENSHOTS;
const CODE = "WALK";
const base = () => `${suite.recto.url}/i/${CODE}`;
let password = "";

/** `recto create-institution`, as the command runs it; the administrator's password as printed. */
async function createInstitution(): Promise<string> {
  const parsed = parseCreateInstitutionArgs([
    "--code",
    CODE,
    "--name",
    "Walkthrough College",
    "--admin",
    "walk-admin",
    "--admin-email",
    "admin@walk.example.edu",
  ]);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  const lines: string[] = [];
  const code = await createInstitutionAndReport(
    suite.recto.ctx.db,
    parsed.input,
    new Date(),
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  expect(code).toBe(0);
  const password = /password \(shown once; change it after signing in\): (\S+)/.exec(lines.join("\n"))?.[1];
  if (!password) throw new Error(`no password printed:\n${lines.join("\n")}`);
  return password;
}

const BOOKS = `<?xml version="1.0" encoding="UTF-8"?><marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">
    <marc:record><marc:leader>00000nam a2200000 a 4500</marc:leader>
    <marc:controlfield tag="001">walk-1</marc:controlfield>
    <marc:datafield tag="100" ind1="1" ind2=" "><marc:subfield code="a">Lovelace, Ada.</marc:subfield></marc:datafield>
    <marc:datafield tag="245" ind1="1" ind2="0"><marc:subfield code="a">Notes on the analytical engine</marc:subfield></marc:datafield>
    <marc:datafield tag="300" ind1=" " ind2=" "><marc:subfield code="a">120 p.</marc:subfield></marc:datafield>
    <marc:datafield tag="949" ind1=" " ind2=" "><marc:subfield code="i">WALK0001</marc:subfield><marc:subfield code="l">STACKS</marc:subfield><marc:subfield code="m">MAIN</marc:subfield><marc:subfield code="a">QA76 .L68</marc:subfield></marc:datafield>
    </marc:record></marc:collection>`;

/** The catalogue, loaded on the Catalogue screen (its locations come with it); the worker imports it. */
async function importCatalogue(admin: Page): Promise<void> {
  await admin.goto(`${base()}/staff/setup/catalogue`);
  await admin.getByRole("heading", { level: 1, name: "Catalogue" }).waitFor();
  await admin.getByLabel("MARC file").setInputFiles({
    name: "books.xml",
    mimeType: "application/xml",
    buffer: Buffer.from(BOOKS),
  });
  await admin.getByLabel(/Create the libraries and locations/).check();
  await admin.getByRole("button", { name: "Start the import" }).click();
  await admin.getByRole("status").getByText("The import of books.xml has started").waitFor();
  // the worker's turn (the browser tests' server runs no worker); the page follows the import
  await runQueuedMarcImports(suite.recto.ctx, fileStorageFromConfig(suite.recto.ctx.config), {});
  await admin
    .getByRole("row", { name: /books\.xml/ })
    .getByText("Done")
    .waitFor({ timeout: 10_000 });
  await expectAccessible(admin, "the catalogue loaded");
}

async function signIn(page: Page, userId: string, password: string): Promise<void> {
  await page.locator("#user-id").fill(userId);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
}

const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

describe("a new institution, from the command line to a patron's request", { timeout: 240_000 }, () => {
  it("is set up on screens, turns ready, and takes a patron's request", async () => {
    password = await createInstitution();

    // The administrator signs in where the setup begins: the planning questions.
    const admin = await suite.newPage();
    await admin.goto(`${base()}/staff/setup/planning`);
    await admin.waitForURL(/\/staff\/sign-in\?return=/);
    await signIn(admin, "walk-admin", password);
    await admin.getByRole("heading", { level: 1, name: "Plan digitization" }).waitFor();
    await admin.locator("#plan-libraries-0-code").waitFor();
    await expectAccessible(admin, "planning, first answers");
    await shot(admin, "planning-empty");

    // Answers that do not fit together: refused at their fields, nothing created.
    await admin.getByRole("checkbox", { name: "Yes, staff approve each request" }).check();
    await admin.locator("#plan-libraries-0-code").fill("MAIN");
    await admin.locator("#plan-libraries-0-name").fill("Main Library");
    await admin.locator("#plan-printer-name").fill("Pick slips");
    // the printer's email box shows a long address whole (this walk's printer prints on screen)
    const email = admin.getByRole("textbox", { name: "Printer email address (optional)" });
    await email.fill("digitization-office-printer@library.example.edu");
    expect(await email.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await email.fill("");
    await admin.locator("#plan-user_groups-0-code").fill("READERS");
    await admin.locator("#plan-user_groups-0-name").fill("Readers");
    await admin.locator("#plan-user_groups-0-max_requests").fill("three");
    await admin.getByRole("button", { name: "Review the proposal" }).click();
    const summary = admin.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    expect(await admin.locator("#plan-user_groups-0-max_requests").getAttribute("aria-invalid")).toBe("true");
    expect(await summary.getByRole("link").getAttribute("href")).toBe("#plan-user_groups-0-max_requests");
    await expectAccessible(admin, "planning, an answer of the wrong kind");
    await shot(admin, "planning-refused-shape");
    await admin.locator("#plan-user_groups-0-max_requests").fill("3");
    await admin.getByRole("button", { name: "Review the proposal" }).click();
    await summary.getByText("Choose when approval happens").waitFor();
    expect(await admin.locator("#plan-approval_mode .field-error").textContent()).toBe("Choose when approval happens");
    await expectAccessible(admin, "planning, answers that do not fit together");
    await shot(admin, "planning-refused");
    const libraries = await suite.recto.ctx.db
      .selectFrom("libraries")
      .select("code")
      .where("code", "=", "MAIN")
      .execute();
    expect(libraries.length).toBe(1); // the demo's MAIN only: nothing was created

    // Fixed: the proposal, then confirmed.
    await admin.locator(".radio", { hasText: "Before scanning" }).click();
    await admin.getByRole("button", { name: "Review the proposal" }).click();
    await admin.getByRole("heading", { level: 2, name: "The proposed configuration" }).waitFor();
    await admin.getByText("Main Library (MAIN)").waitFor();
    await admin.getByText("Readers (READERS): at most 3 requests at once").waitFor();
    await expectAccessible(admin, "planning, the proposal");
    await shot(admin, "planning-proposal");
    await admin.getByRole("button", { name: "Confirm and create" }).click();

    // The readiness page: green.
    await admin.getByRole("heading", { level: 1, name: "Readiness check" }).waitFor();
    await admin.getByRole("status").getByText("Ready to take requests").waitFor();
    await expectAccessible(admin, "readiness after planning");
    await shot(admin, "walk-readiness-green");

    // The catalogue is loaded on its screen; the readiness check is still green.
    await importCatalogue(admin);
    await admin.goto(`${base()}/staff/setup/readiness`);
    await admin.getByText("10 checks passed").waitFor();
    await admin.getByRole("status").getByText("Ready to take requests").waitFor();

    // A patron of the institution, created by the administrator through the API.
    const created = await admin.evaluate(async () => {
      const res = await fetch("/api/v1/users", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": sessionStorage.getItem("recto.csrf") ?? "",
        },
        body: JSON.stringify({
          primary_id: "walk-reader",
          first_name: "Rea",
          last_name: "Der",
          email: "reader@walk.example.edu",
          user_group: "READERS",
          password: "reader-password-1",
        }),
      });
      return res.status;
    });
    expect(created).toBe(201);

    // The patron finds the title in the patron app and asks for pages 3 to 7.
    const patron = await suite.newPage();
    await patron.goto(`${base()}/`);
    await signIn(patron, "walk-reader", "reader-password-1");
    await patron.locator("#q").fill("analytical engine");
    await patron.locator("form[role=search] button[type=submit]").click();
    await patron.getByRole("link", { name: "Notes on the analytical engine" }).click();
    await expectAccessible(patron, "the title and its services");
    await patron.getByRole("link", { name: "Ask for a copy" }).first().click();
    await patron.locator("#pages-0-from").waitFor();
    await expectAccessible(patron, "the patron's form");
    await patron.locator("#pages-0-from").fill("3");
    await patron.locator("#pages-0-to").fill("7");
    for (const box of ["#f-copyrights_declaration_signed_by_patron"]) {
      if (await patron.locator(box).count()) await patron.locator(box).check();
    }
    await patron.locator("button[type=submit]").click();
    await patron.waitForURL(/\/requests\/\d+$/);
    await expectAccessible(patron, "the patron's request");
    await shot(patron, "walk-patron-request");
    const id = Number(/\/requests\/(\d+)$/.exec(patron.url())![1]);
    const request = await suite.recto.ctx.db
      .selectFrom("requests")
      .innerJoin("departments as d", "d.id", "requests.department_id")
      .select(["requests.state", "d.code"])
      .where("requests.id", "=", id)
      .executeTakeFirstOrThrow();
    // approval before scanning, as planned
    expect(request).toEqual({ state: "AWAITING_APPROVAL", code: "DIGI_DEPT_INST" });
    expect(suite.problems()).toEqual([]);
  });

  it("explains, step by step, why the patron is offered digitization, linking each deciding rule", async () => {
    const page = await suite.newPage();
    await page.goto(`${base()}/staff/setup/explain`);
    await page.waitForURL(/\/staff\/sign-in\?return=/);
    await signIn(page, "walk-admin", password);
    await page.getByRole("heading", { level: 1, name: "Explain" }).waitFor();
    await expectAccessible(page, "explain, nothing chosen");
    // "Patron" is said once, as the section's heading; the search box says what to type
    expect(await page.getByText("Patron", { exact: true }).count()).toBe(1);
    // the search box and its button beside it are level, top and bottom
    const box = await page.getByRole("searchbox", { name: "Name, user id, email or library card" }).boundingBox();
    const find = await page.getByRole("button", { name: "Find patrons" }).boundingBox();
    expect([find!.y, find!.y + find!.height].map(Math.round)).toEqual([box!.y, box!.y + box!.height].map(Math.round));
    expect(find!.x).toBeGreaterThan(box!.x + box!.width);
    await page.getByRole("searchbox", { name: "Name, user id, email or library card" }).fill("walk-reader");
    await page.getByRole("button", { name: "Find patrons" }).click();
    await page.getByRole("button", { name: "Choose: Rea Der (walk-reader, READERS)" }).click();
    await page.locator("#explain-title").fill("analytical");
    await page.getByRole("button", { name: "Find titles" }).click();
    await page.getByRole("button", { name: "Choose: Notes on the analytical engine" }).click();
    await page.locator("#explain-item").waitFor();
    await page.locator("#explain-item").selectOption({ label: "WALK0001, Main Library – STACKS" });
    const digitization = page.locator(".explain-service").filter({ hasText: "Digitization: ✓ Offered" });
    await digitization.waitFor();
    expect(page.url()).toMatch(/\/staff\/setup\/explain\?user=walk-reader&mms=\d+&item=\d+$/);
    const delivery = digitization.locator("li", { hasText: "Electronic document delivery rules" });
    const rule = delivery.getByRole("link", { name: /^Planned: the user groups that may request receive files/ });
    expect(await rule.getAttribute("href")).toMatch(/^\/i\/WALK\/staff\/setup\/rules\/delivery\/\d+$/);
    // the server's sentences are English whatever the page's language: marked so
    expect(await digitization.locator("p[lang=en]").count()).toBeGreaterThan(1);
    await expectAccessible(page, "explain, an explanation");
    await shot(page, "explain");
    // the same page for the desk staff who have it without setup, and at 320 px
    const narrow = await suite.newPage({ width: 320 });
    await narrow.goto(`${base()}/staff/explain?${new URL(page.url()).searchParams}`);
    await signIn(narrow, "walk-admin", password);
    await narrow.locator(".explain-service").first().waitFor();
    await expectNoSideways(narrow, "explain at 320 px");
    await expectAccessible(narrow, "explain at 320 px");
    await shot(narrow, "explain-320");
  });

  it("the planning page reads at 320 px", async () => {
    const page = await suite.newPage({ width: 320 });
    await page.goto(`${base()}/staff/setup/planning`);
    await page.waitForURL(/\/staff\/sign-in\?return=/);
    await signIn(page, "walk-admin", password);
    await page.locator("#plan-libraries-0-code").waitFor();
    // the institution's own libraries and groups are the first draft now
    expect(await page.locator("#plan-libraries-0-code").inputValue()).toBe("MAIN");
    await expectNoSideways(page, "planning at 320 px");
    await expectAccessible(page, "planning at 320 px");
    await shot(page, "planning-320");
  });
});

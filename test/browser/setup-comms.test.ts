import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The setup's request form (step 8), letters (step 10) and roles (step 11) on the demo:
 * each screen and state without axe violations, at 1280 and 320 px; a letter edited with its
 * preview following, a template the server cannot render refused at its field, and a role
 * granted and taken away by keyboard alone.
 */

const suite = useBrowserSuite();
const shots = process.env.SHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

async function signIn(user: string, path: string, width?: number): Promise<Page> {
  const page = await suite.newPage(width ? { width } : {});
  page.setDefaultTimeout(15_000);
  await page.goto(`${suite.recto.url}/staff/setup`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, user);
  await page.goto(`${suite.recto.url}${path}`);
  return page;
}

const setupNav = (page: Page) => page.getByRole("navigation", { name: "Setup" });

describe("letters (step 10)", () => {
  it("lists the letters with their state, switches one off and on, at 1280 and 320 px", async () => {
    const page = await signIn("demo-letter-admin", "/staff/setup/letters");
    await page.getByRole("heading", { level: 1, name: "Letters" }).waitFor();
    expect(
      await setupNav(page)
        .getByRole("link", { name: /Letters/ })
        .getAttribute("aria-current"),
    ).toBe("page");
    // the Letter Administrator sets up letters, not roles or the request form
    expect(await setupNav(page).getByRole("link", { name: /Roles/ }).count()).toBe(0);
    expect(
      await setupNav(page)
        .getByRole("link", { name: /Request form/ })
        .count(),
    ).toBe(0);
    const received = page.getByRole("switch", { name: "Sent – Request received" });
    expect(await received.isChecked()).toBe(false);
    await expectAccessible(page, "letters list");
    await shot(page, "letters-list");

    const download = page.getByRole("switch", { name: "Sent – Download link" });
    expect(await download.isChecked()).toBe(true);
    await download.focus();
    await page.keyboard.press("Space");
    await page.getByRole("status").filter({ hasText: "Download link is switched off: it is not sent." }).waitFor();
    expect(await download.isChecked()).toBe(false);
    await page.reload();
    await page.getByRole("switch", { name: "Sent – Download link" }).waitFor();
    expect(await page.getByRole("switch", { name: "Sent – Download link" }).isChecked()).toBe(false);
    await page.getByRole("switch", { name: "Sent – Download link" }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("status").filter({ hasText: "Download link is switched on" }).waitFor();

    const narrow = await signIn("demo-letter-admin", "/staff/setup/letters", 320);
    await narrow.getByRole("heading", { level: 1, name: "Letters" }).waitFor();
    await narrow.getByRole("switch", { name: "Sent – Pick slip" }).waitFor();
    await expectNoSideways(narrow, "letters list at 320 px");
    await expectAccessible(narrow, "letters list at 320 px");
    await shot(narrow, "letters-list-320");
  }, 120_000);

  it("edits a letter with the preview following, refuses a broken template at its field, saves and test-sends", async () => {
    const page = await signIn("demo-letter-admin", "/staff/setup/letters/request_cancelled");
    await page.getByRole("heading", { level: 1, name: "Request cancelled" }).waitFor();
    const letterHtml = page.locator(".letter-html");
    await letterHtml.getByText(/Dear/).waitFor();
    await expectAccessible(page, "letter editor with preview");
    await shot(page, "letter-editor");

    const subject = page.getByRole("textbox", { name: "Subject" });
    await subject.fill("Cancelled: {{ request.title | upcase }} for {{ patron.first_name }}");
    const previewSubject = page.locator(".preview-subject");
    await expect.poll(() => previewSubject.textContent()).toMatch(/^Cancelled: [^a-z{]+ for \S+$/);
    const body = page.getByRole("textbox", { name: "Body (HTML)" });
    await body.fill("<p>Hello {{ patron.first_name }},</p>\n<p>Sorry about <em>{{ request.title }}</em>.</p>");
    await letterHtml.locator("em").waitFor();
    await letterHtml.getByText(/^Hello \S+,$/).waitFor();

    // a template the server cannot render: shown at its field, live, and again on saving
    await body.fill("<p>{% if request.title %}Unclosed</p>");
    const error = page.locator(".code-field").filter({ has: body }).locator(".field-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Body \(HTML\): .+/);
    expect(await body.getAttribute("aria-invalid")).toBe("true");
    expect(await body.getAttribute("aria-describedby")).toContain(await error.getAttribute("id"));
    await page.getByRole("status").filter({ hasText: "The preview stops here" }).waitFor();
    await expectAccessible(page, "template error at the field");
    await shot(page, "letter-template-error");
    await page.getByRole("button", { name: "Save this text" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: /^Body \(HTML\): / }).waitFor();
    await expectAccessible(page, "template error refused on saving");
    const saved = await page.evaluate(() =>
      fetch("/api/v1/letters/request_cancelled").then(
        (r) => r.json() as Promise<{ templates: { language: string; customized: boolean }[] }>,
      ),
    );
    expect(saved.templates.find((x) => x.language === "en")?.customized).toBe(false);

    await body.fill("<p>Hello {{ patron.first_name }},</p>\n<p>Sorry about <em>{{ request.title }}</em>.</p>");
    await page.getByRole("button", { name: "Save this text" }).click();
    await page.getByRole("status").filter({ hasText: "The English text is saved." }).waitFor();
    expect(await summary.count()).toBe(0);
    await error.waitFor({ state: "detached" });
    await page.getByRole("tab", { name: /English.*Your own text/ }).waitFor();

    // the French text previews in French
    await page.getByRole("tab", { name: /French/ }).click();
    await letterHtml.getByText(/Bonjour|Madame|Monsieur|Cher|Chère/).waitFor();
    expect(await page.locator(".letter-preview-body").getAttribute("lang")).toBe("fr");

    await page.getByRole("tab", { name: /English/ }).click();
    const to = page.getByRole("textbox", { name: "Email address" });
    await to.fill("not an address");
    await page.getByRole("button", { name: "Send the test letter" }).click();
    await page
      .locator(".letter-test .field-error")
      .filter({ hasText: /^Email address: / })
      .waitFor();
    await expectAccessible(page, "test letter refused at the field");
    await to.fill("tester@example.edu");
    await page.getByRole("button", { name: "Send the test letter" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /test letter to tester@example\.edu was written to the file|sent to tester@example\.edu/ })
      .waitFor();
    await shot(page, "letter-test-sent");

    await page.getByRole("button", { name: "Go back to Recto’s text" }).click();
    await page.getByRole("status").filter({ hasText: "The English text is Recto’s again." }).waitFor();
    expect(await body.inputValue()).toMatch(/Dear/);

    const narrow = await signIn("demo-letter-admin", "/staff/setup/letters/request_cancelled", 320);
    await narrow.locator(".letter-html").getByText(/Dear/).waitFor();
    await expectNoSideways(narrow, "letter editor at 320 px");
    await expectAccessible(narrow, "letter editor at 320 px");
    await shot(narrow, "letter-editor-320");
  }, 120_000);
});

describe("roles (step 11)", () => {
  const status = (page: Page) => page.locator("#roles-said");

  it("gives a role with its scope and takes it away by keyboard alone", async () => {
    const page = await signIn("demo-admin", "/staff/setup/roles");
    await page.getByRole("heading", { level: 1, name: "Roles" }).waitFor();
    await page.getByRole("table").waitFor();
    expect(await setupNav(page).getByRole("link", { name: /Roles/ }).getAttribute("aria-current")).toBe("page");
    await expectAccessible(page, "roles");
    await shot(page, "roles");

    // nothing chosen: each missing choice is named at its box and in the summary
    await tabTo(page, ".roles-give-button", 60);
    await page.keyboard.press("Enter");
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: "Find and choose who gets the role." }).waitFor();
    await summary.getByRole("link", { name: "Role: Choose…" }).waitFor();
    expect(await page.locator("#give-role").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "roles, nothing chosen");
    await shot(page, "roles-errors");

    await page.locator("#give-find").focus();
    await page.keyboard.type("demo-fs-manager");
    await page.keyboard.press("Enter");
    await page.getByText("1 person found").waitFor();
    expect(await page.getByRole("radio", { name: /Helen Osei \(demo-fs-manager\)/ }).isChecked()).toBe(true);
    await tabTo(page, "#give-role");
    await page.keyboard.type("Requests");
    expect(await page.locator("#give-role").inputValue()).toBe("REQUESTS_OPERATOR");
    await page.getByText("Scope: One library").waitFor();
    await tabTo(page, "#give-scope");
    await page.keyboard.type("Science");
    await tabTo(page, ".roles-give-button");
    await page.keyboard.press("Enter");
    await status(page)
      .filter({ hasText: "Helen Osei (demo-fs-manager) now has Requests Operator (Science Library (SCI))." })
      .waitFor();
    expect(await summary.count()).toBe(0);

    // the same grant again: the server's refusal at the role's box
    await page.keyboard.press("Enter");
    await page
      .locator("#give-role-error")
      .filter({ hasText: /^Role: .*already has Requests Operator/ })
      .waitFor();
    await expectAccessible(page, "roles, a grant refused by the server");

    // the table, filtered to the person and the role: the address keeps the filters
    await page.locator("#holders-q").focus();
    await page.keyboard.type("fs-manager");
    await tabTo(page, "#holders-role");
    await page.keyboard.type("Requests");
    await page.getByText("1 of 12 roles given").waitFor();
    expect(new URL(page.url()).search).toBe("?q=fs-manager&role=REQUESTS_OPERATOR");
    const row = page.getByRole("row", { name: /Helen Osei.*Requests Operator.*Science Library/ });
    await row.waitFor();
    await expectAccessible(page, "roles, table filtered");
    await shot(page, "roles-filtered");

    await tabTo(page, "button[aria-label='Take Requests Operator away from Helen Osei (demo-fs-manager)']");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Take the role away?" });
    await dialog
      .getByText("Helen Osei (demo-fs-manager) will no longer have Requests Operator (Science Library (SCI))")
      .waitFor();
    await expectAccessible(page, "roles, taking one away");
    await shot(page, "roles-remove-dialog");
    await tabTo(page, ".roles-remove-confirm");
    await page.keyboard.press("Enter");
    await status(page)
      .filter({ hasText: "Requests Operator was taken away from Helen Osei (demo-fs-manager)." })
      .waitFor();
    await page.getByText("0 of 11 roles given").waitFor();
    expect(await row.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("roles-said");
    const left = await page.evaluate(() =>
      fetch("/api/v1/role-assignments?role=REQUESTS_OPERATOR").then(
        (r) => r.json() as Promise<{ assignments: { user: { primary_id: string } }[] }>,
      ),
    );
    expect(left.assignments.map((a) => a.user.primary_id)).not.toContain("demo-fs-manager");

    const narrow = await signIn("demo-admin", "/staff/setup/roles?scope=desk", 320);
    await narrow.getByRole("row", { name: /Owen Price.*Work Order Operator.*Main circulation desk/ }).waitFor();
    await narrow.getByText("1 of 11 roles given").waitFor();
    await expectNoSideways(narrow, "roles at 320 px");
    await expectAccessible(narrow, "roles at 320 px");
    await shot(narrow, "roles-320");
  }, 120_000);

  it("keeps the last General System Administrator, saying why", async () => {
    const page = await signIn("demo-admin", "/staff/setup/roles?role=GENERAL_SYSTEM_ADMINISTRATOR");
    await page.getByRole("row", { name: /Grace Holloway.*General System Administrator/ }).waitFor();
    await page.getByRole("button", { name: /^Take General System Administrator away from Grace Holloway/ }).click();
    await page.locator(".roles-remove-confirm").click();
    await status(page).filter({ hasText: "This is the last General System Administrator" }).waitFor();
    await page.getByRole("row", { name: /Grace Holloway.*General System Administrator/ }).waitFor();
    await expectAccessible(page, "roles, the last administrator kept");
  });

  it("is not offered to those who do not give roles", async () => {
    const page = await signIn("demo-fulfillment-admin", "/staff/setup/roles");
    await page.getByText("Only the General System Administrator can give and take away roles.").waitFor();
    expect(await setupNav(page).getByRole("link", { name: /Roles/ }).count()).toBe(0);
    await expectAccessible(page, "roles without the right");
  }, 60_000);
});

describe("the request form (step 8)", () => {
  it("edits the form with the patron's form previewed in each language, refuses a field left without a label", async () => {
    const page = await signIn("demo-fulfillment-admin", "/staff/setup/request-form");
    await page.getByRole("heading", { level: 1, name: "Request form" }).waitFor();
    const preview = page.getByRole("region", { name: /^The request form as patrons see it in English$/ });
    await preview.getByRole("textbox", { name: "Volume" }).waitFor();
    expect(
      await setupNav(page)
        .getByRole("link", { name: /Letters/ })
        .count(),
    ).toBe(0);
    await expectAccessible(page, "request form");
    await shot(page, "request-form");

    // the Volume field: a new French label, and required; the French preview shows both
    const volume = page.locator("details:has(.letter-code:text-is('volume'))");
    await volume.locator("summary").click();
    await volume.getByRole("checkbox", { name: "Patrons must fill it in" }).check();
    await preview.getByText("Volume (required)").waitFor();
    await volume.getByRole("textbox", { name: "Label (French)" }).fill("Tome");
    await page.getByRole("tab", { name: "French" }).click();
    const french = page.getByRole("region", { name: /in French$/ });
    await french.getByText("Tome (obligatoire)").waitFor();
    expect(await french.getAttribute("lang")).toBe("fr");
    await french.getByText("Seulement une partie").waitFor();
    await expectAccessible(page, "request form, French preview of unsaved changes");
    await shot(page, "request-form-preview-fr");

    // no label in any language: refused at the field, nothing saved
    for (const l of ["English", "French", "German", "Spanish"])
      await volume.getByRole("textbox", { name: `Label (${l})` }).fill("");
    await page.getByRole("button", { name: "Save the form" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: /^Label: \S.+/ }).waitFor();
    await volume.locator(".rf-languages.invalid .field-error").waitFor();
    await expectAccessible(page, "request form, a field left without a label");
    await shot(page, "request-form-error");
    const before = await page.evaluate(() =>
      fetch("/api/v1/request-form?lang=fr").then(
        (r) => r.json() as Promise<{ fields: { code: string; label: string; mandatory: boolean }[] }>,
      ),
    );
    expect(before.fields.find((f) => f.code === "volume")).toMatchObject({ label: "Volume", mandatory: false });

    await volume.getByRole("textbox", { name: "Label (English)" }).fill("Volume");
    await volume.getByRole("textbox", { name: "Label (French)" }).fill("Tome");
    await page.getByRole("button", { name: "Save the form" }).click();
    await page.getByRole("status").filter({ hasText: "The request form is saved." }).waitFor();
    expect(await summary.count()).toBe(0);
    const after = await page.evaluate(() =>
      fetch("/api/v1/request-form?lang=fr").then(
        (r) => r.json() as Promise<{ fields: { code: string; label: string; mandatory: boolean }[] }>,
      ),
    );
    expect(after.fields.find((f) => f.code === "volume")).toMatchObject({ label: "Tome", mandatory: true });

    const narrow = await signIn("demo-fulfillment-admin", "/staff/setup/request-form", 320);
    await narrow
      .getByRole("region", { name: /in English$/ })
      .getByText("Volume (required)")
      .waitFor();
    await expectNoSideways(narrow, "request form at 320 px");
    await expectAccessible(narrow, "request form at 320 px");
    await shot(narrow, "request-form-320");
  }, 120_000);
  it("adds a checkbox of the institution's own (a bad code refused at its field), previews it, and removes it", async () => {
    const page = await signIn("demo-fulfillment-admin", "/staff/setup/request-form");
    await page.getByRole("heading", { level: 1, name: "Request form" }).waitFor();
    const preview = page.getByRole("region", { name: /^The request form as patrons see it in English$/ });
    await preview.getByRole("textbox", { name: "Volume" }).waitFor();
    const boxes = async () =>
      (
        await page.evaluate(() =>
          fetch("/api/v1/request-form?lang=en").then((r) => r.json() as Promise<{ checkboxes: { code: string }[] }>),
        )
      ).checkboxes.map((b) => b.code);
    const before = await boxes();

    await page.getByRole("button", { name: "Add a checkbox" }).click();
    const added = page.locator("details.rf-field", { has: page.locator(`[id="rf-checkboxes-${before.length}-code"]`) });
    await added.getByText("New checkbox").waitFor();
    await added.getByRole("textbox", { name: "Code" }).fill("seen original");
    await added.getByRole("textbox", { name: "Label (English)" }).fill("I have seen the original in the reading room");
    await added.getByRole("checkbox", { name: "Patrons must tick it" }).check();
    await preview.getByRole("checkbox", { name: /I have seen the original in the reading room/ }).waitFor();
    await page.getByRole("button", { name: "Save the form" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: /^Code: / }).waitFor();
    expect(await page.locator(`[id="rf-checkboxes-${before.length}-code"]`).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "request form, a new checkbox with a bad code");
    expect(await boxes()).toEqual(before);

    await page.locator(`[id="rf-checkboxes-${before.length}-code"]`).fill("seen_original");
    await page.getByRole("button", { name: "Save the form" }).click();
    await page.getByRole("status").filter({ hasText: "The request form is saved." }).waitFor();
    expect(await boxes()).toEqual([...before, "seen_original"]);
    await expectAccessible(page, "request form with a checkbox of its own");

    const saved = page.locator("details.rf-field", { hasText: "seen_original" });
    if (!(await saved.evaluate((d: HTMLDetailsElement) => d.open))) await saved.locator("summary").click();
    await saved.getByRole("button", { name: /^Remove the checkbox/ }).click();
    await page.getByRole("button", { name: "Save the form" }).click();
    await expect.poll(boxes).toEqual(before);
  }, 120_000);
});

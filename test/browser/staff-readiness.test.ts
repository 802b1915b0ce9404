import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectNoSideways, fillSignIn, useBrowserSuite } from "./browser.js";

/*
 * The readiness page (DOMAIN 10) at /staff/setup as the demo's General System Administrator:
 * green on the demo; a letter in use switched off through the API turns its check red, with
 * the link to the letter's screen; "Check again" after the fix turns it green again.
 */

const suite = useBrowserSuite();
const shots = process.env.RECTO_SCREENSHOTS;

async function signIn(width?: number): Promise<Page> {
  const page = await suite.newPage(width ? { width } : {});
  await page.goto(`${suite.recto.url}/staff/setup`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, "demo-admin");
  await page.getByRole("heading", { level: 1, name: "Readiness check" }).waitFor();
  return page;
}

/** Switches a letter on or off through the API, as the signed-in administrator. */
const setLetter = (page: Page, code: string, enabled: boolean) =>
  page.evaluate(
    async ({ code, enabled }) => {
      const res = await fetch(`/api/v1/letters/${code}`, {
        method: "PATCH",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": sessionStorage.getItem("recto.csrf") ?? "",
        },
        body: JSON.stringify({ enabled }),
      });
      return res.status;
    },
    { code, enabled },
  );

const state = (page: Page) => page.getByRole("status").getByRole("heading", { level: 2 });

describe("the readiness page", () => {
  it("is green on the demo, with the passed checks folded under their count", async () => {
    const page = await signIn();
    await state(page).filter({ hasText: "Ready to take requests" }).waitFor();
    const setup = page.getByRole("navigation", { name: "Staff work" }).getByRole("link", { name: "Setup" });
    expect(await setup.getAttribute("aria-current")).toBe("page");
    const passed = page.getByText("10 checks passed");
    await passed.waitFor();
    expect(await page.getByText("Every place has operators").isVisible()).toBe(false);
    await expectAccessible(page, "ready");
    if (shots) await page.screenshot({ path: `${shots}/readiness-ready.png`, fullPage: true });
    await passed.click();
    await page.getByText("Every place has operators").waitFor();
    await expectAccessible(page, "ready, passed checks open");
  });

  it("shows a letter in use switched off as a thing to fix, linked to the letter; Check again after the fix is green", async () => {
    const page = await signIn();
    await state(page).filter({ hasText: "Ready to take requests" }).waitFor();
    expect(await setLetter(page, "document_delivery_notification", false)).toBe(200);
    try {
      await page.getByRole("button", { name: "Check again" }).click();
      await state(page).filter({ hasText: "1 thing to fix before patrons can ask" }).waitFor();
      const check = page.locator(".readiness-check", {
        hasText: "The letter of each delivery method in use is enabled",
      });
      await check.getByText("Needs fixing").waitFor();
      await check.getByText("The letter “Download link” is switched off").waitFor();
      // the link names the letter as the Letters page does, not by its code
      const link = check.getByRole("link", { name: "Fix it in: Letters – Download link" });
      expect(await link.getAttribute("href")).toBe("/staff/setup/letters/document_delivery_notification");
      await page.getByText("9 checks passed").waitFor();
      await expectAccessible(page, "a check failing");
      if (shots) await page.screenshot({ path: `${shots}/readiness-failing.png`, fullPage: true });

      const narrow = await signIn(320);
      await state(narrow).filter({ hasText: "1 thing to fix" }).waitFor();
      await expectNoSideways(narrow, "a check failing at 320 px");
      await expectAccessible(narrow, "a check failing at 320 px");
      if (shots) await narrow.screenshot({ path: `${shots}/readiness-failing-320.png`, fullPage: true });
      // in French, the letter's French name
      await narrow.evaluate(() => localStorage.setItem("recto.language", "fr"));
      await narrow.reload();
      const french = narrow.getByRole("link", { name: "Corriger dans : Lettres – Lien de téléchargement" });
      expect(await french.getAttribute("href")).toBe("/staff/setup/letters/document_delivery_notification");
    } finally {
      expect(await setLetter(page, "document_delivery_notification", true)).toBe(200);
    }
    await page.getByRole("button", { name: "Check again" }).click();
    await state(page).filter({ hasText: "Ready to take requests" }).waitFor();
  });

  it("links a letter missing a language patrons prefer to that language's text, which is written there", async () => {
    const patron = () => suite.recto.ctx.db.updateTable("users").where("primary_id", "=", "demo-faculty");
    await patron().set({ preferred_language: "it" }).execute();
    try {
      const page = await signIn();
      await page.getByText(/things? could be better/).waitFor();
      const link = page.getByRole("link", { name: "Fix it in: Letters – Request cancelled" });
      expect(await link.getAttribute("href")).toBe("/staff/setup/letters/request_cancelled?language=it");
      await link.click();
      await page.getByRole("heading", { level: 1, name: "Request cancelled" }).waitFor();
      // the Italian tab is open, with no text yet: Recto's English is the draft
      const italian = page.getByRole("tab", { name: /Italian.*No text yet/ });
      expect(await italian.getAttribute("aria-selected")).toBe("true");
      await page.locator(".letter-html").getByText(/Dear/).waitFor();
      await expectAccessible(page, "a letter's missing language");
      await page.getByRole("textbox", { name: "Subject" }).fill("Richiesta annullata: {{ request.title }}");
      await page.getByRole("button", { name: "Save this text" }).click();
      await page.getByRole("status").filter({ hasText: "The Italian text is saved." }).waitFor();
      await page.getByRole("tab", { name: /Italian.*Your own text/ }).waitFor();
      await page.goto(`${suite.recto.url}/staff/setup`);
      await page.getByRole("heading", { level: 1, name: "Readiness check" }).waitFor();
      await state(page).waitFor();
      expect(await page.getByRole("link", { name: "Fix it in: Letters – Request cancelled" }).count()).toBe(0);
    } finally {
      await patron().set({ preferred_language: null }).execute();
    }
  }, 120_000);

  it("names the rule a fix link opens: a rule naming an inactive approval reason", async () => {
    const db = suite.recto.ctx.db;
    const [rule] = await db
      .selectFrom("rules")
      .innerJoin("rule_tables as t", "t.id", "rules.rule_table_id")
      .select(["rules.id", "rules.name", "rules.enabled"])
      .where("t.kind", "=", "digitization")
      .where("rules.output", "like", '%"approval_reason":"PUBLIC_DOMAIN"%')
      .orderBy("rules.id")
      .limit(1)
      .execute();
    const reason = () => db.updateTable("approval_reasons").where("code", "=", "PUBLIC_DOMAIN");
    await db.updateTable("rules").set({ enabled: 1 }).where("id", "=", rule!.id).execute();
    await reason().set({ active: 0 }).execute();
    try {
      const page = await signIn();
      const link = page.getByRole("link", { name: `Fix it in: Digitization rules – ${rule!.name}` });
      await link.waitFor();
      expect(await link.getAttribute("href")).toBe(`/staff/setup/rules/digitization#rule-${rule!.id}`);
      await expectAccessible(page, "a rule naming an inactive reason");
    } finally {
      await reason().set({ active: 1 }).execute();
      await db.updateTable("rules").set({ enabled: rule!.enabled }).where("id", "=", rule!.id).execute();
    }
  }, 120_000);

  it("speaks the reader's language", async () => {
    const page = await signIn();
    // the language switch keeps its choice in this browser
    await page.evaluate(() => localStorage.setItem("recto.language", "fr"));
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Vérification de la configuration" }).waitFor();
    await state(page).filter({ hasText: "Prêt à recevoir des demandes" }).waitFor();
    await expectAccessible(page, "in French");
  });
});

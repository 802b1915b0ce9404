import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createInstitution } from "../../src/organisation/create-institution.js";
import { DEMO_PASSWORD, expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The patron pages in Chromium against the real server and the demo: every page and state has
 * no axe violation (WCAG 2.1 A/AA), reflows at 320 px, runs under the CSP, and works by keyboard.
 */

const suite = useBrowserSuite();
const newPage = suite.newPage;

async function signIn(page: Page, userId: string, path = "/"): Promise<void> {
  await page.goto(`${suite.recto.url}${path}`);
  await fillSignIn(page, userId);
}

async function search(page: Page, words: string): Promise<void> {
  await page.locator("#q").fill(words);
  await page.locator("form[role=search] button[type=submit]").click();
  await page.locator("#results-heading").waitFor();
}

/** Every result has said whether a copy can be asked for (each asks the API on its own). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".result-service.muted").length === 0);
}

describe("the patron pages in a browser", { timeout: 120_000 }, () => {
  it("signed out: any page leads to sign-in, whose errors are next to the fields and in a summary", async () => {
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await page.goto(`${suite.recto.url}/titles/1`);
      await page.locator("h1", { hasText: "Sign in" }).waitFor();
      expect(new URL(page.url()).searchParams.get("return")).toBe("/titles/1");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await expectAccessible(page, `sign-in ${width}px`);
      await expectNoSideways(page, `sign-in ${width}px`);

      await page.locator("form button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      expect(await page.locator(".error-summary li").allTextContents()).toEqual([
        "Enter your user ID",
        "Enter your password",
      ]);
      expect(await page.locator("#user-id").getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(page, `sign-in errors ${width}px`);
      await expectNoSideways(page, `sign-in errors ${width}px`);

      await page.locator("#user-id").fill("demo-undergrad");
      await page.locator("#password").fill("not the password");
      await page.locator("form button[type=submit]").click();
      await page.getByText("The user ID or password is not correct").first().waitFor();
      expect(await page.locator("#user-id").inputValue()).toBe("demo-undergrad");
      await expectAccessible(page, `sign-in refused ${width}px`);
    }
  });

  it("signs in and comes back to the page one was on", async () => {
    const page = await newPage();
    const title = await suite.recto.ctx.db
      .selectFrom("bibs")
      .select("id")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    await signIn(page, "demo-undergrad", `/titles/${title.id}`);
    await page.locator("#holdings-heading").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/titles/${title.id}`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.locator("h1", { hasText: "Sign in" }).waitFor();
    await page.goto(`${suite.recto.url}/`);
    await page.locator("h1", { hasText: "Sign in" }).waitFor();
  });

  it("search: results with paging, whether a copy can be asked for, no results, a missing word", async () => {
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await signIn(page, "demo-undergrad");
      await page.locator("h1", { hasText: "Search the catalogue" }).waitFor();
      await expectAccessible(page, `search ${width}px`);

      await page.locator("form[role=search] button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      expect(await page.locator(".error-summary li").allTextContents()).toEqual(["Enter a word to search for"]);
      await expectAccessible(page, `search error ${width}px`);

      await search(page, "history");
      await settled(page);
      expect(await page.locator(".result").count()).toBe(10);
      expect(await page.locator(".result-service.offered").count()).toBeGreaterThan(0);
      await expectAccessible(page, `results ${width}px`);
      await expectNoSideways(page, `results ${width}px`);
      const first = await page.locator(".result-title").first().textContent();

      await page.getByRole("link", { name: /Next page/ }).click();
      await page.locator("#results-heading", { hasText: "Page 2" }).waitFor();
      expect(await page.locator(".result-title").first().textContent()).not.toBe(first);
      await page.goBack();
      await page.locator(".result-title", { hasText: first! }).first().waitFor();

      await search(page, "qqqzzzxx");
      await page.getByText("No titles match “qqqzzzxx”.").waitFor();
      await expectAccessible(page, `no results ${width}px`);
      await expectNoSideways(page, `no results ${width}px`);
    }
  });

  it("filters by library and material type, and keeps the search in the address", async () => {
    const page = await newPage();
    await signIn(page, "demo-undergrad");
    await page.locator("#q").fill("history");
    await page.locator("#type").selectOption("JOURNAL");
    await page.locator("form[role=search] button[type=submit]").click();
    await page.locator("#results-heading").waitFor();
    expect(new URL(page.url()).searchParams.get("type")).toBe("JOURNAL");
    const metas = await page.locator(".result-meta").allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    expect(metas.every((m) => m.includes("Journal"))).toBe(true);
    await page.reload();
    await page.locator("#results-heading").waitFor();
    expect(await page.locator("#type").inputValue()).toBe("JOURNAL");
    expect(await page.locator("#q").inputValue()).toBe("history");
  });

  it("a title: record, copies with availability, the offer and its link to the form; a refusal in plain words", async () => {
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await signIn(page, "demo-undergrad");
      await search(page, "history");
      await settled(page);
      await page.locator(".result:has(.result-service.offered) .result-title a").first().click();
      await page.locator("#holdings-heading").waitFor();
      await page.getByText("You can ask for a scan of pages").waitFor();
      expect(await page.locator(".item .status").first().textContent()).toMatch(/On the shelf|On loan|Missing|Being/);
      await expectAccessible(page, `title ${width}px`);
      await expectNoSideways(page, `title ${width}px`);
      expect(await page.getByRole("link", { name: "Ask for a copy" }).getAttribute("href")).toMatch(
        /^\/titles\/\d+\/request(\?item=\d+)?$/,
      );
      // Back to the results one came from, not an empty search.
      await page.getByRole("link", { name: "Back to search" }).click();
      await page.locator("#results-heading").waitFor();
      expect(await page.locator("#q").inputValue()).toBe("history");
    }

    const community = await newPage();
    await signIn(community, "demo-community");
    await search(community, "history");
    await settled(community);
    expect(await community.locator(".result-service.offered").count()).toBe(0);
    await community.locator(".result-title a").first().click();
    await community.getByText("You cannot ask for a copy of this title online.").waitFor();
    const why = await community.locator(".services .notice").textContent();
    // COMMUNITY's limit is 0: its patrons may not ask at all, so "try again when one is done" would mislead
    expect(why).toContain("Your type of account cannot ask for copies online. Ask at a library desk.");
    expect(why).not.toContain("more copies");
    expect(why).not.toMatch(/rule|user group|COMMUNITY/i);
    await expectAccessible(community, "title, not offered");
  });

  it("speaks the chosen language, else the patron's, else the browser's, else the institution's", async () => {
    const page = await newPage();
    await signIn(page, "demo-undergrad");
    for (const [lang, heading] of [
      ["Français", "Chercher dans le catalogue"],
      ["Deutsch", "Im Katalog suchen"],
      ["Español", "Buscar en el catálogo"],
      ["English", "Search the catalogue"],
    ] as const) {
      await page.getByRole("button", { name: lang }).click();
      await page.locator("h1", { hasText: heading }).waitFor();
      expect(await page.locator(`button[aria-pressed=true]`).textContent()).toBe(lang);
      await search(page, "qqqzzzxx");
      await expectAccessible(page, `no results in ${lang}`);
    }
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    // The browser's language, on a browser that never chose one.
    const german = await newPage({ locale: "de-DE" });
    await german.goto(`${suite.recto.url}/`);
    await german.locator("h1", { hasText: "Anmelden" }).waitFor();
    expect(await german.locator("html").getAttribute("lang")).toBe("de");

    // The patron's preferred language wins over the browser's.
    await suite.recto.ctx.db
      .updateTable("users")
      .set({ preferred_language: "es" })
      .where("primary_id", "=", "demo-grad")
      .execute();
    await signIn(german, "demo-grad");
    await german.locator("h1", { hasText: "Buscar en el catálogo" }).waitFor();
    expect(await german.locator("html").getAttribute("lang")).toBe("es");

    // The institution's, for a browser in a language the pages are not written in.
    const code = "WEBFR";
    const { id } = await createInstitution(suite.recto.ctx.db, { code, name: "Université de test" }, new Date());
    await suite.recto.ctx.db.updateTable("institutions").set({ default_language: "fr" }).where("id", "=", id).execute();
    const italian = await newPage({ locale: "it-IT" });
    await italian.goto(`${suite.recto.url}/i/${code}/`);
    await italian.locator("h1", { hasText: "Connexion" }).waitFor();
    expect(await italian.locator(".brand-institution").textContent()).toBe("Université de test");
    expect(await italian.locator("html").getAttribute("lang")).toBe("fr");
    await expectAccessible(italian, "institution's own address, in its language");

    // An unknown institution's address says so (in English: no institution, no language of its own);
    // / still serves DEFAULT_INSTITUTION.
    await italian.goto(`${suite.recto.url}/i/NO_SUCH/`);
    await italian.locator("h1", { hasText: "This library is not on Recto" }).waitFor();
    expect(await italian.locator("html").getAttribute("lang")).toBe("en");
    await expectAccessible(italian, "unknown institution");
    await italian.goto(`${suite.recto.url}/`);
    await italian.locator(".brand-institution", { hasText: "Recto Demo University" }).waitFor();
  });

  it("by keyboard alone: sign in, search, open a title, reach the form's link", async () => {
    const page = await newPage();
    await page.goto(`${suite.recto.url}/`);
    await page.locator("#user-id").waitFor();
    await tabTo(page, "#user-id");
    await page.keyboard.type("demo-faculty");
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.locator("h1", { hasText: "Search the catalogue" }).waitFor();

    await tabTo(page, "#q");
    await page.keyboard.type("history");
    await page.keyboard.press("Enter");
    await page.locator("#results-heading").waitFor();
    await settled(page);
    await tabTo(page, ".result:has(.result-service.offered) .result-title a");
    const title = await page.evaluate(() => document.activeElement?.textContent ?? "");
    await page.keyboard.press("Enter");
    await page.locator("#holdings-heading").waitFor();
    // Arriving on a page puts focus on its heading, so a screen reader says where one is.
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    expect(await page.locator("h1").textContent()).toBe(title);

    // The offer's link to the form is reachable by keyboard, and visibly focused.
    await tabTo(page, ".offer a.button");
    const focused = await page.evaluate(() => getComputedStyle(document.activeElement!).backgroundColor);
    await page.locator("h1").click();
    const unfocused = await page.evaluate(
      () => getComputedStyle(document.querySelector(".offer a.button")!).backgroundColor,
    );
    expect(focused).not.toBe(unfocused);
  });

  it("no page broke the CSP or threw", () => {
    expect(suite.problems()).toEqual([]);
  });
});

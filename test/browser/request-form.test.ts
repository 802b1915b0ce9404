import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REQUEST_FORM } from "../../src/request-form/default-config.js";
import { DEMO_PASSWORD, expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The request form (issue 11, items 3 and 4) in Chromium against the real server and the demo:
 * built from the institution's form configuration, errors next to the fields and in a summary,
 * the server's refusals next to the field they name, the duplicate warning, no axe violation in
 * any state, and the whole way from search to a placed request by keyboard alone.
 */

const suite = useBrowserSuite();
const newPage = suite.newPage;
/** Titles with one copy and no volumes, offered to the demo's faculty: one per test, so no test sees another's requests. */
let books: number[] = [];
let journal: number;

const NOT_ONLINE = "I have checked that this is not available online";

beforeAll(async () => {
  const db = suite.recto.ctx.db;
  const inst = await db.selectFrom("institutions").select("id").where("code", "=", "DEMO").executeTakeFirstOrThrow();
  // The library asks for the declaration and one checkbox of its own.
  const config = {
    ...DEFAULT_REQUEST_FORM,
    fields: DEFAULT_REQUEST_FORM.fields.map((f) =>
      f.code === "copyrights_declaration_signed_by_patron" ? { ...f, mandatory: true } : f,
    ),
    checkboxes: [
      {
        code: "not_online",
        label: { en: NOT_ONLINE, fr: "J'ai vérifié que ce n'est pas disponible en ligne" },
        mandatory: true,
      },
    ],
  };
  await db
    .updateTable("request_form_configs")
    .set({ config: JSON.stringify(config) })
    .where("institution_id", "=", inst.id)
    .execute();
  const single = await db
    .selectFrom("bibs as b")
    .innerJoin("items as i", "i.bib_id", "b.id")
    .select("b.id")
    .where("b.institution_id", "=", inst.id)
    .where("b.material_type", "=", "BOOK")
    .where("b.full_text_url", "is", null)
    .where("i.description", "is", null)
    .where("i.process_status", "=", "IN_PLACE")
    .groupBy("b.id")
    .having((eb) => eb.fn.countAll(), "=", 1)
    .orderBy("b.id")
    .limit(40)
    .execute();
  books = single.map((b) => b.id);
  journal = (
    await db
      .selectFrom("items")
      .select("bib_id")
      .where("institution_id", "=", inst.id)
      .where("description", "is not", null)
      .orderBy("bib_id")
      .limit(1)
      .executeTakeFirstOrThrow()
  ).bib_id;
}, 120_000);

async function signIn(page: Page, userId: string, path = "/"): Promise<void> {
  await page.goto(`${suite.recto.url}${path}`);
  await fillSignIn(page, userId);
}

/** A title the signed-in patron may ask a copy of, not used by another test yet. */
async function offeredBook(page: Page): Promise<number> {
  while (books.length) {
    const id = books.shift()!;
    const offered = await page.evaluate(async (mms) => {
      const res = await fetch(`/api/v1/explain?mms_id=${mms}`);
      const body = (await res.json()) as { services: { type: string; offered: boolean }[] };
      return body.services.some((s) => s.type === "DIGITIZATION" && s.offered);
    }, id);
    if (offered) return id;
  }
  throw new Error("the demo has no more titles offered to this patron");
}

/** A request as the API answers it to the signed-in patron. */
async function readRequest(page: Page, id: string) {
  return page.evaluate(async (rid) => {
    const res = await fetch(`/api/v1/requests/${rid}`);
    const history = await fetch(`/api/v1/requests/${rid}/history`);
    return { status: res.status, body: await res.json(), history: await history.json() };
  }, id);
}

const requestId = (page: Page) => /\/requests\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1] ?? "";

describe("the request form in a browser", { timeout: 120_000 }, () => {
  it("signed out: asks to sign in, then comes back to the form with what the address pre-filled", async () => {
    const page = await newPage();
    await page.goto(`${suite.recto.url}/titles/${journal}/request?pages=12-19,xii-xv&atitle=On%20maps`);
    await page.locator("h1", { hasText: "Sign in" }).waitFor();
    // The address to come back to keeps the query, whatever its encoding.
    const back = new URL(new URL(page.url()).searchParams.get("return")!, suite.recto.url);
    expect(back.pathname).toBe(`/titles/${journal}/request`);
    expect([back.searchParams.get("pages"), back.searchParams.get("atitle")]).toEqual(["12-19,xii-xv", "On maps"]);
    await page.locator("#user-id").fill("demo-faculty");
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("form button[type=submit]").click();
    await page.locator("#f-chapter_or_article_title").waitFor();
    expect(await page.locator("#f-chapter_or_article_title").inputValue()).toBe("On maps");
    expect(
      await Promise.all(
        ["#pages-0-from", "#pages-0-to", "#pages-1-from", "#pages-1-to"].map((s) => page.locator(s).inputValue()),
      ),
    ).toEqual(["12", "19", "xii", "xv"]);
  });

  it("the empty form and its errors: next to the fields, summarised at the top, linked and focused, nothing lost", async () => {
    // 640 px is a 1280 px window at 200 % zoom; 320 px the reflow width of WCAG 1.4.10.
    for (const width of [1280, 640, 320]) {
      const page = await newPage({ width });
      await signIn(page, "demo-faculty");
      const id = await offeredBook(page);
      await page.goto(`${suite.recto.url}/titles/${id}/request`);
      await page.locator("#pages-0-from").waitFor();
      // Built from the configuration: its fields in order, mandatory ones said in words, the notice.
      expect(await page.locator("label[for=f-copyrights_declaration_signed_by_patron]").textContent()).toContain(
        "(required)",
      );
      expect(await page.locator(`label[for=cb-not_online]`).textContent()).toBe(`${NOT_ONLINE} (required)`);
      await page.getByText("The copyright law governs").waitFor();
      await expectAccessible(page, `empty form ${width}px`);
      await expectNoSideways(page, `empty form ${width}px`);

      await page.locator("#pages-0-from").fill("12");
      await page.locator("#pages-0-to").fill("9");
      await page.getByRole("button", { name: "Add another range of pages" }).click();
      await page.locator("#pages-1-from").fill("xii");
      await page.locator("#pages-1-to").fill("zz");
      await page.locator("#f-comment").fill("For my seminar");
      await page.locator("button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      expect(await page.locator(".error-summary li").allTextContents()).toEqual([
        "Pages 12 to 9 run backwards: the first page must come before the last",
        "Range 2: “zz” is not a page number. Use numbers such as 12, or roman numerals such as xii",
        `Tick “${NOT_ONLINE}”`,
        "Accept the copyright declaration to send your request",
      ]);
      // The summary takes focus (so it is read out), and each entry leads to its field.
      await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary") ?? false);
      expect(await page.locator(".error-summary a").first().getAttribute("href")).toBe("#pages-0-from");
      expect(await page.locator("#pages-0-from").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#pages-0-error").textContent()).toContain("run backwards");
      expect(await page.locator("#f-comment").inputValue()).toBe("For my seminar");
      await expectAccessible(page, `form errors ${width}px`);
      // Following a summary entry puts the cursor in its field.
      await page.locator(".error-summary a").nth(1).click();
      await page.waitForFunction(() => document.activeElement?.id === "pages-1-to");
      await expectNoSideways(page, `form errors ${width}px`);
    }
  });

  it("shows the server's refusal next to the field it names, keeping what was typed", async () => {
    const page = await newPage();
    await signIn(page, "demo-faculty");
    const id = await offeredBook(page);
    await page.goto(`${suite.recto.url}/titles/${id}/request?pages=3-4`);
    await page.locator("#f-doi").fill("not a doi");
    await page.locator("#cb-not_online").check();
    await page.locator("#f-copyrights_declaration_signed_by_patron").check();
    await page.locator("button[type=submit]").click();
    await page.locator("#f-doi-error").waitFor();
    expect(await page.locator("#f-doi-error").textContent()).toBe("DOI: Enter a DOI such as 10.1000/xyz123");
    expect(await page.locator(".error-summary a").allTextContents()).toEqual([
      "DOI: Enter a DOI such as 10.1000/xyz123",
    ]);
    expect(await page.locator("#f-doi").inputValue()).toBe("not a doi");
    expect(await page.locator("#pages-0-from").inputValue()).toBe("3");
    expect(await page.locator("#cb-not_online").isChecked()).toBe(true);
    await expectAccessible(page, "server refusal");
  });

  it("says the server's refusal in the page's language, next to the field it names (French)", async () => {
    // The library asks for pages even when a chapter is named: the page lets a chapter title
    // stand for the pages, so only the server refuses. The browser itself speaks English: the
    // French comes from the page's language, which every call sends.
    const db = suite.recto.ctx.db;
    const inst = await db.selectFrom("institutions").select("id").where("code", "=", "DEMO").executeTakeFirstOrThrow();
    const row = await db
      .selectFrom("request_form_configs")
      .select("config")
      .where("institution_id", "=", inst.id)
      .executeTakeFirstOrThrow();
    const before = JSON.parse(row.config) as typeof DEFAULT_REQUEST_FORM;
    const pagesRequired = {
      ...before,
      fields: before.fields.map((f) => (f.code === "required_pages_range" ? { ...f, mandatory: true } : f)),
    };
    const setConfig = (config: object) =>
      db
        .updateTable("request_form_configs")
        .set({ config: JSON.stringify(config) })
        .where("institution_id", "=", inst.id)
        .execute();
    await setConfig(pagesRequired);
    try {
      const page = await newPage();
      await signIn(page, "demo-faculty");
      const id = await offeredBook(page);
      await page.getByRole("button", { name: "Français" }).click();
      await page.goto(`${suite.recto.url}/titles/${id}/request`);
      await page.locator("h1", { hasText: "Demander une copie" }).waitFor();
      await page.locator("#f-chapter_or_article_title").fill("Le chapitre des cartes");
      await page.locator("#cb-not_online").check();
      await page.locator("#f-copyrights_declaration_signed_by_patron").check();
      await page.locator("button[type=submit]").click();
      await page.locator("#pages-0-error").waitFor();
      const said = "Pages : La bibliothèque en a besoin pour accepter votre demande";
      expect(await page.locator("#pages-0-error").textContent()).toBe(said);
      expect(await page.locator(".error-summary h2").textContent()).toBe("Il y a un problème");
      expect(await page.locator(".error-summary a").allTextContents()).toEqual([said]);
      expect(await page.locator(".error-summary a").first().getAttribute("href")).toBe("#pages-0-from");
      expect(await page.locator("#pages-0-from").getAttribute("aria-describedby")).toBe("pages-0-error");
      expect(await page.locator("#f-chapter_or_article_title").inputValue()).toBe("Le chapitre des cartes");
      await expectAccessible(page, "server refusal in French");
    } finally {
      await setConfig(before);
    }
  });

  it("warns of a duplicate with a link to the earlier request; Go back keeps the form, Send it anyway places and records it", async () => {
    const page = await newPage();
    await signIn(page, "demo-faculty");
    const id = await offeredBook(page);
    const fill = async (pages: string) => {
      await page.goto(`${suite.recto.url}/titles/${id}/request?pages=${pages}`);
      await page.locator("#cb-not_online").check();
      await page.locator("#f-copyrights_declaration_signed_by_patron").check();
      await page.locator("button[type=submit]").click();
    };
    await fill("10-20");
    await page.waitForURL(/\/requests\/\d+$/);
    const first = requestId(page);

    await fill("19-25");
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    expect(await dialog.getByRole("heading").textContent()).toBe("You have already asked for this");
    expect(await dialog.getByRole("link").getAttribute("href")).toBe(`/requests/${first}`);
    expect(await dialog.locator("li").textContent()).toMatch(
      /\(Being fetched|Received|Being scanned\).*: pages 10–20$/,
    );
    await page.waitForFunction(() => document.activeElement?.closest("[role=alertdialog]") != null);
    await expectAccessible(page, "duplicate dialog");

    await dialog.getByRole("button", { name: "Go back" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(() => (document.activeElement as HTMLButtonElement | null)?.type === "submit");
    expect(await page.locator("#pages-0-from").inputValue()).toBe("19");

    await page.locator("button[type=submit]").click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Send it anyway" }).click();
    await page.waitForURL(/\/requests\/\d+$/);
    const second = await readRequest(page, requestId(page));
    expect(second.status).toBe(200);
    expect(second.body.required_pages_range).toEqual([{ from_page: "19", to_page: "25" }]);
    expect(second.history.events[0].data.duplicate_warning).toEqual({ acknowledged: true, request_ids: [first] });
  });

  it("in another language, with a volume to choose: labels, help and errors in French, no axe violation", async () => {
    const page = await newPage();
    await signIn(page, "demo-staff", `/titles/${journal}/request`);
    await page.locator("#f-description").waitFor();
    await page.getByRole("button", { name: "Français" }).click();
    await page.locator("h1", { hasText: "Demander une copie" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.locator("label[for=f-description]").textContent()).toBe("Volume ou numéro (obligatoire)");
    expect(await page.locator("label[for=cb-not_online]").textContent()).toContain("J'ai vérifié");
    expect(await page.locator("#f-description option").count()).toBeGreaterThan(2);
    await expectAccessible(page, "form in French");
    await page.locator("button[type=submit]").click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".error-summary h2").textContent()).toBe("Il y a un problème");
    expect(await page.locator(".error-summary li").allTextContents()).toContain(
      "Choisissez le volume ou le numéro dont vous avez besoin",
    );
    await expectAccessible(page, "form errors in French");

    const volume = await page.locator("#f-description option").nth(2).textContent();
    await page.locator("#f-description").selectOption({ label: volume! });
    await page.locator("#pages-0-from").fill("1");
    await page.locator("#pages-0-to").fill("5");
    await page.locator("#cb-not_online").check();
    await page.locator("#f-copyrights_declaration_signed_by_patron").check();
    await page.locator("button[type=submit]").click();
    await page.waitForURL(/\/requests\/\d+$/);
    const placed = await readRequest(page, requestId(page));
    expect(placed.body.item_description).toBe(volume);
    expect(placed.body.custom_checkboxes).toEqual([{ code: "not_online", label: NOT_ONLINE, checked: true }]);
  });

  it("by keyboard alone: sign in, search, open a title, open the form, fill pages, accept the declaration, submit, find it in My requests, cancel it", async () => {
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
    await page.waitForFunction(() => document.querySelectorAll(".result-service.muted").length === 0);
    await tabTo(page, ".result:has(.result-service.offered) .result-title a");
    await page.keyboard.press("Enter");
    await page.locator("#holdings-heading").waitFor();
    await page.locator(".offer a.button").waitFor();
    await tabTo(page, ".offer a.button");
    await page.keyboard.press("Enter");
    await page.locator("#pages-0-from").waitFor();
    const mmsId = /\/titles\/(\d+)\/request/.exec(page.url())?.[1];

    await tabTo(page, "#pages-0-from");
    await page.keyboard.type("iii");
    await page.keyboard.press("Tab");
    await page.keyboard.type("vii");
    // A second range, added and filled by keyboard.
    await tabTo(page, "button.add-range");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "pages-1-from");
    await page.keyboard.type("12");
    await page.keyboard.press("Tab");
    await page.keyboard.type("19");
    await tabTo(page, "#cb-not_online");
    await page.keyboard.press("Space");
    await tabTo(page, "#f-copyrights_declaration_signed_by_patron");
    await page.keyboard.press("Space");
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/requests\/\d+$/);
    const placed = await readRequest(page, requestId(page));
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({
      mms_id: mmsId,
      request_source: "patron",
      copyrights_declaration_signed_by_patron: true,
      required_pages_range: [
        { from_page: "iii", to_page: "vii" },
        { from_page: "12", to_page: "19" },
      ],
    });

    // The rest of the walk: My requests, the request, and cancelling it through its dialog.
    const id = requestId(page);
    await page.locator("#history-heading").waitFor();
    await tabTo(page, "a.account-link");
    await page.keyboard.press("Enter");
    await page.locator(".request-card").first().waitFor();
    await tabTo(page, `.request-card a[href$="/requests/${id}"]`);
    await page.keyboard.press("Enter");
    await page.locator("#history-heading").waitFor();
    await tabTo(page, "section[aria-labelledby=cancel-heading] button");
    await page.keyboard.press("Enter");
    await page.getByRole("alertdialog").waitFor();
    await tabTo(page, "#cancel-reason");
    await page.keyboard.type("Found it online after all");
    await tabTo(page, "[role=alertdialog] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByText("Your request has been cancelled.").waitFor();
    const cancelled = await readRequest(page, id);
    expect(cancelled.body.request_status).toBe("CANCELLED");
  });

  it("says why, in plain words, instead of showing a form the patron cannot send", async () => {
    const page = await newPage();
    await signIn(page, "demo-community");
    await page.goto(`${suite.recto.url}/titles/${journal}/request?pages=1-2`);
    await page.getByText("You cannot ask for a copy of this title online.").waitFor();
    expect(await page.locator(".notice").textContent()).toContain("Your type of account cannot ask for copies online.");
    expect(await page.locator("form").count()).toBe(0);
    await expectAccessible(page, "form not offered");
  });

  it("no page broke the CSP or threw", () => {
    expect(suite.problems()).toEqual([]);
  });
});

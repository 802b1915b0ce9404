import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchChromium } from "./browser.js";

/*
 * The check every page test relies on: it must find what WCAG 2.1 A and AA forbid, on the page as
 * it is at the moment of the check (also after the page has changed or navigated), and pass a page
 * without any. No server: the pages are written into a blank tab.
 */

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const clean = `<!doctype html><html lang="en"><head><title>Clean</title></head><body>
  <main><h1>Requests</h1><label for="q">Search</label><input id="q"><img src="data:," alt="Logo"></main></body></html>`;
const broken = `<!doctype html><html lang="en"><head><title>Broken</title></head><body>
  <main><h1>Requests</h1><input id="q"><img src="data:,">
  <p style="color:#bbb;background:#fff">Faint words</p></main></body></html>`;

const failureOf = async (state: string): Promise<string> => {
  try {
    await expectAccessible(page, state);
  } catch (e) {
    return (e as Error).message;
  }
  return "";
};

describe("expectAccessible", { timeout: 60_000 }, () => {
  it("passes a page with nothing to report", async () => {
    await page.setContent(clean);
    await expectAccessible(page, "clean");
  });

  it("names each violation, its rule and its element, with the state it was found in", async () => {
    await page.setContent(broken);
    const message = await failureOf("broken page");
    expect(message).toContain("broken page: image-alt");
    expect(message).toContain("broken page: label");
    expect(message).toContain("broken page: color-contrast");
    expect(message).toContain("#q");
  });

  it("checks the page as it is now: a fix made after a failed check passes, a fault added after a pass fails", async () => {
    await page.setContent(broken);
    expect(await failureOf("before")).toContain("image-alt");
    await page.evaluate(() => {
      document.querySelector("img")!.setAttribute("alt", "Logo");
      document.querySelector("input")!.setAttribute("aria-label", "Search");
      (document.querySelector("p") as HTMLElement).style.color = "#333";
    });
    await expectAccessible(page, "after the fix");
    await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", "<button></button>"));
    expect(await failureOf("a button added")).toContain("a button added: button-name");
  });

  it("checks a new document after a navigation (the check is put into each document)", async () => {
    await page.setContent(clean);
    await expectAccessible(page, "first document");
    await page.goto("about:blank");
    await page.setContent(broken);
    expect(await failureOf("second document")).toContain("second document: image-alt");
  });
});

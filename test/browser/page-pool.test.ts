import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, pageFactory } from "./browser.js";

/*
 * The browser tests reuse a page a test is done with. A reused page must hold nothing of the test
 * before: no cookie, no stored value, no listener, no extra header, no other tab. A page that
 * cannot be wiped for sure (it showed a second origin, or took an init script) is closed instead.
 * Two small servers on two ports give two origins.
 */

let browser: Browser;
const servers: http.Server[] = [];
const origins: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  for (let i = 0; i < 2; i++) {
    const server = http.createServer((req, res) => {
      res.setHeader("content-type", "text/html");
      // What the page was sent, so that a test can see an extra header left behind.
      res.end(
        `<!doctype html><html lang="en"><title>t</title><p id="h">${req.headers["x-extra"] ?? "none"}</p></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
});

/** An uncaught error in the page, as the app would throw one. */
const throwLater = (page: Page, message: string) =>
  page.evaluate((m) => {
    setTimeout(() => {
      throw new Error(m);
    });
  }, message);

describe("the pages the browser tests share", { timeout: 60_000 }, () => {
  it("hands a page back wiped: no cookie, storage, listener, header or other tab", async () => {
    const pages = pageFactory(() => browser);
    const first = await pages.newPage({ width: 320 });
    await first.goto(`${origins[0]}/a`);
    await first.context().addCookies([{ name: "session", value: "s1", url: origins[0]! }]);
    await first.evaluate(() => {
      localStorage.setItem("recto.language", "fr");
      sessionStorage.setItem("recto.csrf", "t");
    });
    let heard = 0;
    first.on("load", () => heard++);
    await first.setExtraHTTPHeaders({ "x-extra": "left behind" });
    await first.context().newPage();
    await pages.takeBack();

    const again = await pages.newPage();
    expect(again).toBe(first);
    expect(again.url()).toBe("about:blank");
    expect(again.context().pages()).toEqual([again]);
    expect(await again.context().cookies()).toEqual([]);
    expect(again.viewportSize()).toEqual({ width: 1280, height: 800 });
    await again.goto(`${origins[0]}/b`);
    expect(heard).toBe(0);
    expect(await again.locator("#h").textContent()).toBe("none");
    expect(await again.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    await pages.closeAll();
  });

  it("gives two pages at once to one test, and keeps each locale's pages apart", async () => {
    const pages = pageFactory(() => browser);
    const a = await pages.newPage();
    const b = await pages.newPage();
    expect(a).not.toBe(b);
    await pages.takeBack();
    const french = await pages.newPage({ locale: "fr-FR" });
    expect([a, b]).not.toContain(french);
    expect(await french.evaluate(() => navigator.language)).toBe("fr-FR");
    await pages.closeAll();
  });

  it("closes a page that showed a second origin, or took an init script, instead of reusing it", async () => {
    const pages = pageFactory(() => browser);
    const travelled = await pages.newPage();
    await travelled.goto(`${origins[0]}/a`);
    await travelled.goto(`${origins[1]}/a`);
    const scripted = await pages.newPage();
    await scripted.addInitScript(() => Object.assign(window, { planted: true }));
    await pages.takeBack();
    expect([travelled.isClosed(), scripted.isClosed()]).toEqual([true, true]);
    const fresh = await pages.newPage();
    expect([travelled, scripted]).not.toContain(fresh);
    await fresh.goto(`${origins[0]}/a`);
    expect(await fresh.evaluate(() => "planted" in window)).toBe(false);
    await pages.closeAll();
  });

  it("keeps the page errors it saw across reuse", async () => {
    const pages = pageFactory(() => browser);
    const page = await pages.newPage();
    await page.goto(`${origins[0]}/a`);
    await throwLater(page, "first test's error");
    await expect.poll(() => pages.problems().length).toBe(1);
    await pages.takeBack();
    const again = await pages.newPage();
    await again.goto(`${origins[0]}/b`);
    await throwLater(again, "second test's error");
    await expect.poll(() => pages.problems().length).toBe(2);
    expect(pages.problems().join("\n")).toMatch(/first test's error[\s\S]*second test's error/);
    await pages.closeAll();
  });
});

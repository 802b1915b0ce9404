// Screenshots of the patron pages, desktop and 320 px wide, to look at before calling a page done:
//   node --import tsx scripts/screenshots.ts http://localhost:3000 ./screenshots
// Signs in as the demo's undergraduate (demo-undergrad / recto-demo) on a running demo.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://localhost:3000";
const out = path.resolve(process.argv[3] ?? "screenshots");
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  for (const [label, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 320, height: 700 }],
  ] as const) {
    const context = await browser.newContext({ viewport, locale: "en-GB" });
    const page = await context.newPage();
    const shot = async (name: string) => {
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(out, `${label}-${name}.png`), fullPage: true });
    };
    await page.goto(`${base}/`);
    await page.getByLabel("User ID").waitFor();
    await page.getByRole("button", { name: "Sign in" }).click();
    await shot("sign-in-errors");
    await page.getByLabel("User ID").fill("demo-undergrad");
    await page.getByLabel("Password").fill("recto-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Search the catalogue" }).waitFor();
    await shot("search");
    await page.getByLabel("Search for").fill("history");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("heading", { name: /Results/ }).waitFor();
    await shot("results");
    await page.getByLabel("Search for").fill("qqqzzzxx");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText(/No titles match/).waitFor();
    await shot("no-results");
    await page.goBack();
    await page.locator(".result-title a").first().click();
    await page.getByRole("heading", { name: "Where to find it" }).waitFor();
    await shot("title");
    await page.getByRole("button", { name: "Français" }).click();
    await shot("title-fr");
    await page.getByRole("button", { name: "English" }).click();
    const ask = page.getByRole("link", { name: "Ask for a copy" });
    if (await ask.count()) {
      // The request form: empty, then with errors (pages running backwards), nothing sent.
      await ask.click();
      await page.locator("#pages-0-from").waitFor();
      await shot("request-form");
      await page.locator("#pages-0-from").fill("12");
      await page.locator("#pages-0-to").fill("9");
      await page.locator("button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      await shot("request-form-errors");
    }
    await context.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
}

import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { AxeResults, RunOptions } from "axe-core";
import type { FastifyInstance } from "fastify";
import { PDFDocument } from "pdf-lib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { systemClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase, type OpenedDb } from "../../src/db/database.js";
import { seedDemo } from "../../src/demo/seed-demo.js";
import type { AppContext } from "../../src/server/context.js";
import { buildApp } from "../../src/server/app.js";
import { createLogger } from "../../src/server/logger.js";
import { DEFAULT_WEB_DIR } from "../../src/server/web-plugin.js";
import { migratedSqliteFile } from "../harness.js";

/** Debian's Chromium: the browser tests drive it through playwright-core (no browser is downloaded). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const DEMO_PASSWORD = "recto-demo";
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface RunningRecto {
  url: string;
  ctx: AppContext;
  stop(): Promise<void>;
}

/**
 * The real server on a free port of 127.0.0.1, on a fresh SQLite database with the demo
 * institution (DEFAULT_INSTITUTION=DEMO), serving the built pages of web/dist.
 */
export async function startRecto(): Promise<RunningRecto> {
  if (!fs.existsSync(path.join(DEFAULT_WEB_DIR, "index.html"))) {
    throw new Error(
      `The web pages are not built (${DEFAULT_WEB_DIR}): run npm run build:web (npm ci and npm test do).`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-browser-"));
  const opened: OpenedDb = openDatabase({ dialect: "sqlite", file: migratedSqliteFile(path.join(dir, "recto.db")) });
  const config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    filesDir: path.join(dir, "files"),
    mailDir: path.join(dir, "mail"),
    defaultInstitution: "DEMO",
  };
  const ctx: AppContext = { config, db: opened.db, dialect: "sqlite", clock: systemClock, log: createLogger("silent") };
  const app: FastifyInstance = await buildApp(ctx);
  await seedDemo(ctx);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    ctx,
    async stop() {
      await app.close();
      await opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chromium, or a failure that says how to get it: the browser tests never skip silently. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need it. Install it with 'apt-get install -y chromium' ` +
        "(.ci/run does when it is absent), or set CHROMIUM_PATH.",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Records what a page must never do: an uncaught error, or a Content-Security-Policy refusal
 * (Chromium reports those on the console). Failed API calls (a 401 when signed out) are normal.
 */
export function watchPage(page: Page, problems: string[] = []): { problems: string[] } {
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  return { problems };
}

/**
 * axe-core's own script, put into a page by `expectAccessible`. The page runs it directly: the
 * playwright wrapper injected the 580 kB script again at every check and finished each one in a
 * new blank page, about five times the time of the check itself, over some 200 checks a run.
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** No axe violation of WCAG 2.1 A and AA on the page as it is now; `state` names it in the failure. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // Once per document: a navigation leaves a page without it. The pages have no frames to visit.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations"] };
  const found = await page.evaluate(
    async ({ options, state }) => {
      const { axe } = window as unknown as { axe: { run(context: Document, o: RunOptions): Promise<AxeResults> } };
      const result = await axe.run(document, options);
      return result.violations.map(
        (v) => `${state}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`,
      );
    },
    { options, state },
  );
  expect(found, `axe found on the page:\n${found.join("\n")}\n`).toEqual([]);
}

/** The page reflows at its width: nothing is wider than the window (WCAG 1.4.10). */
export async function expectNoSideways(page: Page, state: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
  expect([state, widths.content <= widths.window]).toEqual([state, true]);
}

/** Presses Tab until the focused element matches the CSS selector, as a keyboard user would. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${max} presses of Tab never reached ${selector}`);
}

interface PooledPage {
  context: BrowserContext;
  page: Page;
  locale: string;
  /** every origin the page's main frame showed: a page that left its one origin is not reused */
  origins: Set<string>;
  /** set when a test gave the page something that cannot be taken back (an init script) */
  spoiled: boolean;
}

/**
 * Pages for one test file, each in a browser context of its own (its own cookies and storage),
 * watched for CSP refusals and page errors. A page a test is done with is wiped and handed to a
 * later test of the file instead of a new one: opening a page (a renderer process) and loading
 * the app into it for the first time took 1.5 to 2 s on this machine, against 0.3 to 0.5 s for
 * a page that has loaded it before, over some 150 pages a run. Wiping closes its other tabs,
 * drops the test's listeners, routes and headers, clears its cookies and its origin's storage and
 * leaves it blank: what a new context would hold, but for the HTTP cache, as for a patron who
 * comes back. A page that showed a second origin or took an init script is closed instead.
 */
export function pageFactory(getBrowser: () => Browser, defaults: { acceptDownloads?: boolean } = {}) {
  const free: PooledPage[] = [];
  const lent: PooledPage[] = [];
  const problems: string[] = [];

  const watch = (entry: PooledPage) => {
    watchPage(entry.page, problems);
    entry.page.on("framenavigated", (frame) => {
      if (frame !== entry.page.mainFrame()) return;
      const origin = new URL(frame.url()).origin;
      if (origin !== "null") entry.origins.add(origin);
    });
  };

  async function open(locale: string): Promise<PooledPage> {
    const context = await getBrowser().newContext({ locale, viewport: { width: 1280, height: 800 }, ...defaults });
    const page = await context.newPage();
    const entry: PooledPage = { context, page, locale, origins: new Set(), spoiled: false };
    const addInitScript = page.addInitScript.bind(page);
    page.addInitScript = (...args: Parameters<Page["addInitScript"]>) => {
      entry.spoiled = true;
      return addInitScript(...args);
    };
    watch(entry);
    return entry;
  }

  const discard = (entry: PooledPage) => entry.context.close().catch(() => undefined);

  async function wipe(entry: PooledPage): Promise<boolean> {
    const { context, page } = entry;
    if (page.isClosed() || entry.spoiled || entry.origins.size > 1) return false;
    const [origin] = entry.origins;
    if (origin !== undefined && new URL(page.url()).origin !== origin) return false;
    for (const other of context.pages()) if (other !== page) await other.close();
    await page.removeAllListeners();
    await page.unrouteAll({ behavior: "wait" });
    await page.setExtraHTTPHeaders({});
    if (origin !== undefined)
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
    await context.clearCookies();
    await page.goto("about:blank");
    entry.origins.clear();
    watch(entry);
    return true;
  }

  return {
    async newPage(options: { width?: number; locale?: string } = {}): Promise<Page> {
      const locale = options.locale ?? "en-GB";
      const at = free.findIndex((e) => e.locale === locale);
      const entry = at >= 0 ? free.splice(at, 1)[0]! : await open(locale);
      await entry.page.setViewportSize({ width: options.width ?? 1280, height: 800 });
      lent.push(entry);
      return entry.page;
    },
    /** After each test: its pages wiped for the next tests, or closed when they cannot be. */
    async takeBack(): Promise<void> {
      for (const entry of lent.splice(0)) {
        const wiped = await wipe(entry).catch(() => false);
        if (wiped) free.push(entry);
        else await discard(entry);
      }
    },
    /** every CSP refusal and page error seen on any page so far */
    problems: (): string[] => problems,
    async closeAll(): Promise<void> {
      for (const entry of [...free.splice(0), ...lent.splice(0)]) await discard(entry);
    },
  };
}

/**
 * What every browser test file starts with: the demo server and Chromium started before its tests
 * and stopped after them, and pages opened in their own contexts. Hooks a file adds after calling
 * this run after the start (and their afterAll before the stop).
 */
export function useBrowserSuite(defaults: { acceptDownloads?: boolean } = {}) {
  let recto: RunningRecto | undefined;
  let browser: Browser | undefined;
  const pages = pageFactory(() => browser!, defaults);
  beforeAll(async () => {
    recto = await startRecto();
    browser = await launchChromium();
  }, 120_000);
  afterEach(() => pages.takeBack());
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await recto?.stop();
  });
  return {
    /** the running server (only once the suite's beforeAll has run) */
    get recto(): RunningRecto {
      if (!recto) throw new Error("the browser suite has not started yet");
      return recto;
    },
    newPage: pages.newPage,
    problems: pages.problems,
  };
}

/** Fills and sends the sign-in form the page shows, and waits for the signed-in header. */
export async function fillSignIn(page: Page, userId: string): Promise<void> {
  await page.locator("#user-id").fill(userId);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.getByText(/Signed in as|Connecté|Angemeldet als|Sesión iniciada/).waitFor();
}

/** A small PDF of `n` pages, each saying its number: a scan to upload. */
export async function pdfWithPages(n: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i++) doc.addPage([300, 400]).drawText(`Page ${i + 1}`, { x: 40, y: 300 });
  return Buffer.from(await doc.save());
}

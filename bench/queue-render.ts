import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Measurement, Scenario } from "./scenario.js";
import { CHROMIUM, measurement, startDemo } from "./title-page.js";

/*
 * The staff work queue with 100 rows in Chromium (issue 12: "renders 100 rows without jank"),
 * against `recto serve --demo` on loopback. 100 requests are placed first (demo-fs-operator for
 * demo-faculty, through the API), so the pick queue holds at least 100. Then, as
 * demo-fs-manager, LOADS loads of /staff/?per=100 each record, by the browser's clock: the time
 * from navigation start to the 100th row in the table, and every long task (PerformanceObserver
 * 'longtask': main-thread work over 50 ms, which a user feels as jank) from the start of the
 * navigation to two frames after the rows; then ticking every row's checkbox one by one (100
 * re-renders of the whole table) records long tasks again. Not a test: the figures go to
 * docs/performance.md.
 */

const LOADS = Number(process.env.BENCH_QUEUE_LOADS ?? 10);
const ROWS = 100;
const JANK_MS = 50;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** Installed before the page's scripts: long tasks buffered from the start, a mark at the 100th row. */
const OBSERVE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelectorAll(".queue-table tbody tr").length >= ${ROWS}) {
      performance.mark("recto:rows-shown");
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** long tasks as [start, duration], ms on the page's clock */
type Probe = { rows: number; longTasks: [number, number][] };

export const scenario: Scenario = {
  name: "queue-render",
  description:
    `the staff work queue with ${ROWS} rows in Chromium (recto serve --demo, demo-fs-manager, /staff/?per=${ROWS}), ` +
    `${LOADS} loads: ms from navigation start to the ${ROWS}th row, the long tasks (> ${JANK_MS} ms) of the load and ` +
    `of ticking ${ROWS} rows one by one; p99 = the longest; req/s = 1000 / p50`,
  unavailable() {
    if (!fs.existsSync(CHROMIUM)) return Promise.resolve(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    if (!fs.existsSync(path.join(root, "web", "dist", "index.html")))
      return Promise.resolve('the web pages are not built: run "npm run build:web"');
    return Promise.resolve(null);
  },
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-queue-render-"));
    const server = await startDemo(dir);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
    });
    try {
      const signedIn = async (user: string) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
        const res = await context.request.post(`${server.url}/api/v1/auth/login`, {
          data: { institution: "DEMO", user_id: user, password: "recto-demo" },
        });
        if (!res.ok()) throw new Error(`sign-in of ${user} failed: ${res.status()} ${await res.text()}`);
        return { context, csrf: ((await res.json()) as { csrf_token: string }).csrf_token };
      };
      // 100 requests to pick, on the Main Library's shelf items.
      const operator = await signedIn("demo-fs-operator");
      // Titles by a few common words: some cannot be requested (no copy on the shelf, full text online).
      const bibs = new Map<string, { mms_id: string }>();
      for (const word of ["a", "e", "i", "o", "u", "the", "of"]) {
        const found = await operator.context.request.get(`${server.url}/api/v1/bibs?q=${word}&limit=100`);
        for (const b of ((await found.json()) as { bibs: { mms_id: string }[] }).bibs) bibs.set(b.mms_id, b);
      }
      let placed = 0;
      for (const bib of bibs.values()) {
        // A title with no copy here goes straight to digitization: more than 100 fill the pick queue.
        if (placed >= ROWS + 40) break;
        const res = await operator.context.request.post(`${server.url}/api/v1/requests`, {
          headers: { "x-csrf-token": operator.csrf },
          data: {
            user_id: "demo-faculty",
            mms_id: bib.mms_id,
            partial_digitization: false,
            duplicate_acknowledged: true,
          },
        });
        if (res.status() === 201) placed += 1;
      }
      await operator.context.close();
      if (placed < ROWS) throw new Error(`only ${placed} requests could be placed for the queue`);

      const shown: number[] = [];
      const loadTasks: number[] = [];
      const renderTasks: number[] = [];
      const tickTasks: number[] = [];
      let failed = 0;
      let sample: string | null = null;
      for (let i = 0; i < LOADS; i++) {
        const { context } = await signedIn("demo-fs-manager");
        const page = await context.newPage();
        try {
          await page.addInitScript(OBSERVE);
          await page.goto(`${server.url}/staff/?per=${ROWS}`);
          await page.waitForFunction(() => performance.getEntriesByName("recto:rows-shown").length > 0, null, {
            timeout: 30_000,
          });
          // Two frames after the rows: the paint that shows them is part of the load.
          const load = (await page.evaluate(`new Promise((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(() => resolve({
              rows: performance.getEntriesByName("recto:rows-shown")[0].startTime,
              longTasks: [...window.__longTasks],
            }))))`)) as Probe;
          shown.push(load.rows);
          // The task in which the 100th row appeared renders the table; the others load the app.
          for (const [start, duration] of load.longTasks) {
            if (start <= load.rows && load.rows <= start + duration + 1) renderTasks.push(duration);
            else loadTasks.push(duration);
          }
          const before = load.longTasks.length;
          const boxes = page.locator(".queue-check");
          const count = Math.min(await boxes.count(), ROWS);
          for (let b = 0; b < count; b++) await boxes.nth(b).check();
          const after = (await page.evaluate("window.__longTasks")) as [number, number][];
          tickTasks.push(...after.slice(before).map(([, d]) => d));
        } catch (e) {
          failed += 1;
          // What the page showed instead, to see why without a rerun.
          const shot = path.join(dir, `failed-load-${i}.png`);
          await page.screenshot({ path: shot }).catch(() => undefined);
          sample ??= `${String(e)} (screenshot: ${shot})`;
        } finally {
          await context.close();
        }
      }
      const tasks = (label: string, durations: number[]): Measurement => ({
        ...measurement(label, durations, 0, null),
        answers: durations.length,
      });
      const rows = [
        measurement(`${ROWS} rows shown, ms from navigation start`, shown, failed, sample),
        tasks(`long tasks rendering the ${ROWS} rows (count = answers), ms`, renderTasks),
        tasks(`other long tasks of the ${LOADS} loads (count = answers), ms`, loadTasks),
        tasks(`long tasks while ticking ${ROWS} rows, ${LOADS} times (count = answers), ms`, tickTasks),
      ];
      console.log(
        `queue-render: ${ROWS} rows shown p50 ${rows[0]!.p50.toFixed(0)} ms; long tasks: rendering the rows ` +
          `${renderTasks.length} (longest ${Math.max(0, ...renderTasks).toFixed(0)} ms), rest of the load ${loadTasks.length} ` +
          `(longest ${Math.max(0, ...loadTasks).toFixed(0)} ms), ticking ${tickTasks.length} ` +
          `(longest ${Math.max(0, ...tickTasks).toFixed(0)} ms)`,
      );
      return {
        measurements: rows,
        ratios: {
          [`long tasks rendering the rows per load (0 = no jank)`]: renderTasks.length / LOADS,
          [`other long tasks per load`]: loadTasks.length / LOADS,
          [`long tasks per ${ROWS} ticks`]: tickTasks.length / LOADS,
        },
      };
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};

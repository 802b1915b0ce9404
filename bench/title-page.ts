import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import type { Measurement, Scenario } from "./scenario.js";
import { median } from "./summary.js";

/*
 * A title page in Chromium, against `recto serve --demo` on loopback, as a signed-in patron
 * (demo-undergrad). The figure is the browser's own clock (performance API): from the start of
 * the navigation to the mark `recto:services-shown`, which the title page sets once it shows what
 * the patron may ask for (the services, from the explain answer): the moment the page is usable.
 * Also the navigation timing's DOMContentLoaded. Cold: a new browser context per load (no cache,
 * no open connection); warm: the same context loading the page again (assets from the cache).
 * LOADS loads of each per run; p50 is their median in ms, p95 the 95th percentile, p99 the
 * slowest. The goal: usable within 1 s.
 */

const LOADS = Number(process.env.BENCH_TITLE_LOADS ?? 20);
const GOAL_MS = 1000;
const MARK = "recto:services-shown";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "recto-demo";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const recto = path.join(root, "bin", "recto.mjs");

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function measurement(label: string, times: number[], failures: number, sample: string | null): Measurement {
  const p50 = times.length ? median(times) : 0;
  return {
    label,
    rps: p50 ? 1000 / p50 : 0,
    p50,
    p95: percentile(times, 95),
    p99: times.length ? Math.max(...times) : 0,
    answers: times.length,
    accepted: times.length,
    unexpected: failures ? { "failed load": failures } : {},
    errors: 0,
    sample,
  };
}

/** Starts `recto serve --demo` on a fresh SQLite database; resolves once /health answers. */
export async function startDemo(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? os.tmpdir(),
    DATABASE_URL: path.join(dir, "recto.db"),
    FILES_DIR: path.join(dir, "files"),
    MAIL_DIR: path.join(dir, "mail"),
    LOG_LEVEL: "warn",
  };
  const migrated = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, [recto, "migrate"], { env, stdio: "ignore" }).once("exit", resolve),
  );
  if (migrated !== 0) throw new Error(`recto migrate exited ${migrated}`);
  const port = await freePort();
  const child = spawn(process.execPath, [recto, "serve", "--demo"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`recto serve --demo exited: ${stderr.slice(0, 500)}`);
    if (Date.now() - started > 120_000) throw new Error("recto serve --demo did not answer within 120 s");
    try {
      const res = await fetch(`${url}/health`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await gone;
    },
  };
}

/** One load of the title page: ms to the services shown, and to DOMContentLoaded, by the browser's clock. */
async function loadTitle(context: BrowserContext, url: string): Promise<{ usable: number; dom: number }> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 30_000 });
  // Runs in the page: the browser's performance API (typed loosely here, the bench compiles without the DOM types).
  return page.evaluate((mark) => {
    const perf = performance as unknown as {
      getEntriesByType(t: string): { domContentLoadedEventEnd: number }[];
      getEntriesByName(n: string): { startTime: number }[];
    };
    return {
      usable: perf.getEntriesByName(mark)[0]!.startTime,
      dom: perf.getEntriesByType("navigation")[0]!.domContentLoadedEventEnd,
    };
  }, MARK);
}

export const scenario: Scenario = {
  name: "title-page",
  description:
    `a title page in Chromium on loopback (recto serve --demo, signed in): p50/p95/p99 of ${LOADS} loads, ms from ` +
    `navigation start to the services shown (performance mark ${MARK}; goal < ${GOAL_MS} ms) and to DOMContentLoaded; ` +
    "cold = new browser context each load, warm = the same one; req/s = loads per second (1000 / p50)",
  unavailable() {
    if (!fs.existsSync(CHROMIUM)) return Promise.resolve(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    if (!fs.existsSync(path.join(root, "web", "dist", "index.html")))
      return Promise.resolve('the web pages are not built: run "npm run build:web"');
    return Promise.resolve(null);
  },
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-bench-title-"));
    const server = await startDemo(dir);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
    });
    try {
      const newSignedIn = async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
        const res = await context.request.post(`${server.url}/api/v1/auth/login`, {
          data: { institution: "DEMO", user_id: "demo-undergrad", password: PASSWORD },
        });
        if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
        return context;
      };
      // A title with copies on the shelf, the page a patron most often opens.
      const probe = await newSignedIn();
      const found = await probe.request.get(`${server.url}/api/v1/bibs?q=history&limit=10`);
      const bibs = ((await found.json()) as { bibs: { mms_id: string; holdings?: unknown[] }[] }).bibs;
      await probe.close();
      if (!bibs.length) throw new Error("the demo catalogue has no title matching 'history'");
      const url = `${server.url}/titles/${bibs[0]!.mms_id}`;

      const cold = { usable: [] as number[], dom: [] as number[], failed: 0, sample: null as string | null };
      const warm = { usable: [] as number[], dom: [] as number[], failed: 0, sample: null as string | null };
      for (let i = 0; i < LOADS; i++) {
        const context = await newSignedIn();
        try {
          const c = await loadTitle(context, url);
          cold.usable.push(c.usable);
          cold.dom.push(c.dom);
        } catch (e) {
          cold.failed += 1;
          cold.sample ??= String(e);
        } finally {
          await context.close();
        }
      }
      const context = await newSignedIn();
      await loadTitle(context, url); // fills the cache
      for (let i = 0; i < LOADS; i++) {
        try {
          const w = await loadTitle(context, url);
          warm.usable.push(w.usable);
          warm.dom.push(w.dom);
        } catch (e) {
          warm.failed += 1;
          warm.sample ??= String(e);
        }
      }
      await context.close();
      const rows = [
        measurement(`services shown, cold (goal ${GOAL_MS} ms)`, cold.usable, cold.failed, cold.sample),
        measurement(`services shown, warm (goal ${GOAL_MS} ms)`, warm.usable, warm.failed, warm.sample),
        measurement("DOMContentLoaded, cold", cold.dom, cold.failed, cold.sample),
        measurement("DOMContentLoaded, warm", warm.dom, warm.failed, warm.sample),
      ];
      return {
        measurements: rows,
        ratios: {
          [`cold p95 / goal ${GOAL_MS} ms (below 1 meets it)`]: (rows[0]!.p95 ?? 0) / GOAL_MS,
          [`warm p95 / goal ${GOAL_MS} ms (below 1 meets it)`]: (rows[1]!.p95 ?? 0) / GOAL_MS,
        },
      };
    } finally {
      await browser.close();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

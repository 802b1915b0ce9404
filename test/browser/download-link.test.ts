import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { linkTokenHash } from "../../src/delivery/link-tokens.js";
import { sendOutboxLetter } from "../../src/letters/send-letter.js";
import { processOutbox } from "../../src/outbox/process-outbox.js";
import { expectAccessible, expectNoSideways, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The page a download link opens (issue 9, point 2), in Chromium against the real server and the
 * demo's delivered request: no axe violation in any of its states, 320 px reflow, the CSP, and the
 * Download button by keyboard. The link's states are set on its row, as time would.
 */

// RECTO_SCREENSHOTS=<dir> keeps a picture of each state, to look at.
const shots = process.env.RECTO_SCREENSHOTS;
const shoot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/download-link-${name}.png`, fullPage: true });
};

const suite = useBrowserSuite({ acceptDownloads: true });
let link: string;
let tokenHash: string;

/** The demo patron's delivery letter, as written to MAIL_DIR without SMTP: the only place its link is. */
async function linkInLetter(mailDir: string): Promise<string> {
  const files = fs
    .readdirSync(mailDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".eml"))
    .map((f) => path.join(mailDir, f));
  for (const file of files) {
    const text = (await simpleParser(fs.readFileSync(file))).text ?? "";
    const found = /\/api\/v1\/downloads\/([A-Za-z0-9_-]+)/.exec(text);
    if (found?.[1]) return found[1];
  }
  throw new Error(`no download link in the letters under ${mailDir}`);
}

const setLink = (values: { views?: number; view_started_at?: string | null; expires_at?: string }) =>
  suite.recto.ctx.db.updateTable("delivery_links").set(values).where("token_hash", "=", tokenHash).execute();

const linkRow = () =>
  suite.recto.ctx.db
    .selectFrom("delivery_links")
    .select(["views", "max_views"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirstOrThrow();

const setPatronLanguage = (language: string) =>
  suite.recto.ctx.db
    .updateTable("users")
    .set({ preferred_language: language })
    .where("primary_id", "=", "demo-faculty")
    .execute();

/** Opens a link address and says the HTTP status it answered. */
async function open(page: Page, address: string): Promise<number | undefined> {
  const res = await page.goto(`${suite.recto.url}${address}`);
  return res?.status();
}

beforeAll(async () => {
  await processOutbox(
    suite.recto.ctx,
    { letter: sendOutboxLetter },
    { now: suite.recto.ctx.clock.now(), batchSize: 100 },
  );
  const token = await linkInLetter(suite.recto.ctx.config.mailDir);
  tokenHash = linkTokenHash(token);
  link = `/api/v1/downloads/${token}`;
}, 120_000);

describe("a download link's page in the browser", () => {
  it("by keyboard alone: names the file, size, downloads left and expiry; Download gets the file and counts one", async () => {
    const before = await linkRow();
    const page = await suite.newPage();
    expect(await open(page, link)).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Your copy is ready to download" }).waitFor();
    for (const term of ["File", "Size", "Downloads left", "Available until"]) {
      await page.locator("dt", { hasText: term }).waitFor();
    }
    await page.getByText("demo-scan.pdf").waitFor();
    await expectAccessible(page, "ready");
    await shoot(page, "ready");
    // Opening the page (and the browser's own requests for it) counted nothing.
    expect((await linkRow()).views).toBe(before.views);

    await tabTo(page, "a.button");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("demo-scan.pdf");
    expect(await download.failure()).toBeNull();
    expect((await linkRow()).views).toBe(before.views + 1);
    await page.reload();
    const left = before.max_views - before.views - 1;
    await page
      .locator("dl div", { hasText: "Downloads left" })
      .locator("dd", { hasText: String(left) })
      .waitFor();
  });

  it("speaks the patron's language and reflows at 320 px", async () => {
    await setPatronLanguage("fr");
    try {
      for (const width of [640, 320]) {
        const page = await suite.newPage({ width });
        expect(await open(page, link)).toBe(200);
        expect(await page.getAttribute("html", "lang")).toBe("fr");
        await page.getByRole("link", { name: "Télécharger" }).waitFor();
        await expectAccessible(page, `ready fr ${width}px`);
        await expectNoSideways(page, `ready fr ${width}px`);
        await shoot(page, `ready-fr-${width}`);
      }
    } finally {
      await setPatronLanguage("en");
    }
  });

  it("explains a range outside its resume window, with a way back to the page, at 320 px", async () => {
    await setLink({ view_started_at: new Date(Date.now() - 31 * 60_000).toISOString() });
    const page = await suite.newPage({ width: 320 });
    await page.setExtraHTTPHeaders({ range: "bytes=1-" });
    expect(await open(page, `${link}/file`)).toBe(410);
    await page.getByRole("heading", { level: 1, name: "This download can no longer be resumed" }).waitFor();
    await expectAccessible(page, "resume window closed");
    await expectNoSideways(page, "resume window closed");
    await shoot(page, "resume-closed-320");
    await page.setExtraHTTPHeaders({});
    await tabTo(page, "main a");
    expect(await page.locator("main a").textContent()).toBe("Back to the download page");
    await Promise.all([page.waitForURL(`${suite.recto.url}${link}`), page.keyboard.press("Enter")]);
    await page.getByRole("heading", { level: 1, name: "Your copy is ready to download" }).waitFor();
  });

  it("answers a used-up, an expired and an unknown link with a plain page of its own, at 320 px", async () => {
    const { max_views } = await linkRow();
    const expired = "This link has expired";
    const states: [string, () => Promise<unknown>, string, number, string][] = [
      ["used up", () => setLink({ views: max_views }), link, 410, expired],
      [
        "expired",
        () => setLink({ views: 0, expires_at: new Date(Date.now() - 60_000).toISOString() }),
        `${link}/file`,
        410,
        expired,
      ],
      [
        "unknown",
        async () => undefined,
        "/api/v1/downloads/pk-not-a-link-token-at-all-0000000000",
        404,
        "Link not found",
      ],
    ];
    for (const [state, arrange, address, status, heading] of states) {
      await arrange();
      const page = await suite.newPage({ width: 320 });
      expect([state, await open(page, address)]).toEqual([state, status]);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      // Nothing to download or follow: the page only explains.
      expect(await page.locator("a").count()).toBe(0);
      await expectAccessible(page, state);
      await expectNoSideways(page, state);
      await shoot(page, `${state.replace(" ", "-")}-320`);
    }
  });

  it("no page broke the CSP or threw", () => {
    expect(suite.problems()).toEqual([]);
  });
});

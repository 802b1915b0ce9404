import { describe, expect, it } from "vitest";
import { ensurePrintout } from "../../src/printing/printouts-repository.js";
import { expectAccessible, expectNoSideways, useBrowserSuite } from "./browser.js";
import { staffFixtures } from "./staff-fixtures.js";

/*
 * Placing for a patron offers the desks that digitize beside the departments (DOMAIN 1: the
 * server accepts both), and the printouts page starts on the printer of the place chosen in the
 * header, with every printer one choice away (issue 12, points 5 and 6).
 */

const suite = useBrowserSuite();
const fx = staffFixtures(suite);

describe("placing for a patron at a desk", { timeout: 120_000 }, () => {
  it("offers the desks that digitize, not the others, and sends the work to the chosen desk", async () => {
    const page = await fx.signInToStaff("demo-fs-operator", "/place");
    await page.locator("#patron-q").fill("demo-grad");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Choose Ravi Menon" }).click();
    // A Science Library book: the rules would send it to SCI_DIGI; the operator sends it to the MAIN desk.
    const item = await fx.shelfItem("SCI");
    await page.locator("#title-q").fill(`id:${item.bib_id}`);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: `Choose ${item.title}` }).click();
    await page.getByRole("heading", { name: "3. The request" }).waitFor();
    const select = page.locator("#target-place");
    await select.locator("optgroup[label='Desks that digitize'] option").first().waitFor({ state: "attached" });
    const groups = await select.locator("optgroup").evaluateAll((gs) =>
      gs.map((g) => ({
        label: g.getAttribute("label"),
        options: [...g.querySelectorAll("option")].map((o) => `${o.value}: ${o.textContent}`),
      })),
    );
    expect(groups.map((g) => g.label)).toEqual(["Digitization departments", "Desks that digitize"]);
    expect(groups[0]!.options).toEqual(expect.arrayContaining([expect.stringMatching(/^SCI_DIGI: /)]));
    expect(groups[1]!.options).toEqual([expect.stringMatching(/^MAIN_CIRC: Main circulation desk \(.+\)$/)]);
    await expectAccessible(page, "the place list with desks");

    await page.locator("#pages-0-from").fill("1");
    await page.locator("#pages-0-to").fill("4");
    await select.selectOption("MAIN_CIRC");
    await page.getByRole("button", { name: "Place the request for Ravi Menon" }).click();
    const done = page.getByRole("status").filter({ hasText: /Request \d+ is placed\./ });
    await done.waitFor();
    const id = /Request (\d+) is placed/.exec((await done.textContent()) ?? "")![1]!;
    const placed = await page.evaluate(async (rid) => (await fetch(`/api/v1/requests/${rid}`)).json(), id);
    expect(placed.target_destination).toMatchObject({ kind: "desk", code: "MAIN_CIRC" });
  });
});

describe("the printouts of the chosen place", { timeout: 120_000 }, () => {
  it("shows the place's printer's slips first, and every slip of the user's places on request", async () => {
    const db = suite.recto.ctx.db;
    const printer = async (code: string) =>
      (await db.selectFrom("printers").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
    // One slip for the Science department's printer, one for the digitization office's.
    const slips: Record<string, number> = {};
    for (const [library, code] of [
      ["SCI", "SCI_QUEUE"],
      ["MAIN", "DIGI_EMAIL"],
    ] as const) {
      const placed = await fx.placeForGrad(library);
      const outbox = await db
        .selectFrom("outbox")
        .select("id")
        .where("request_id", "=", placed.id)
        .executeTakeFirstOrThrow();
      const row = await db
        .selectFrom("requests")
        .select("institution_id")
        .where("id", "=", placed.id)
        .executeTakeFirstOrThrow();
      await ensurePrintout(db, {
        institution_id: row.institution_id,
        outbox_id: outbox.id,
        request_id: placed.id,
        printer_id: await printer(code),
        document: "resource_request_slip",
        created_at: new Date().toISOString(),
      });
      slips[code] = placed.id;
    }

    const page = await fx.signInToStaff("demo-work-order-operator", "/printouts");
    // The place is chosen in the header, as at the start of a shift.
    await page.evaluate(() => localStorage.setItem("recto.staff.place", "department:SCI_DIGI"));
    await page.reload();
    await page
      .getByText("Showing the slips for Science printout queue, the printer of Science Library Digitization.")
      .waitFor();
    await page.getByRole("link", { name: `Request ${slips.SCI_QUEUE}`, exact: true }).waitFor();
    expect(await page.getByRole("link", { name: `Request ${slips.DIGI_EMAIL}`, exact: true }).count()).toBe(0);
    await expectAccessible(page, "the place's printer's slips");

    await page.locator("#filter-printer").selectOption({ label: "All printers of my places" });
    await page.waitForURL(/printer=all/);
    await page.getByRole("link", { name: `Request ${slips.DIGI_EMAIL}`, exact: true }).waitFor();
    await page.getByRole("link", { name: `Request ${slips.SCI_QUEUE}`, exact: true }).waitFor();
    await expectAccessible(page, "every printer's slips");
    await page.setViewportSize({ width: 320, height: 800 });
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/printouts-320.png`, fullPage: true });
    await expectNoSideways(page, "every printer's slips at 320 px");
  });
});

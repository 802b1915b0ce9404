import fs from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { joinConsortium } from "../../src/rules/tables/consortium.js";
import { admin, makeInstitution } from "../factories.js";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The rule-table editor of the setup section (issue 13, points 3, 4 and 7) as the demo's General
 * System Administrator: the digitization rules in order with the default rule, reordered with the
 * keyboard alone and saved, a rule edited with the server's refusal shown at its field, the
 * history with before and after, the other tables, the consortium's locked rules, and the
 * approval reasons.
 */

const suite = useBrowserSuite();
const shots = process.env.SHOTS ?? process.env.RECTO_SCREENSHOTS;
if (shots) fs.mkdirSync(shots, { recursive: true });
const shot = async (page: Page, name: string, fullPage = true) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage });
};

async function signIn(path: string, width?: number): Promise<Page> {
  const page = await suite.newPage(width ? { width } : {});
  await page.goto(`${suite.recto.url}${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, "demo-admin");
  await page.waitForURL(`${suite.recto.url}${path}`);
  return page;
}

/** A call to the API as the signed-in page. */
async function call<T = any>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: {
          "content-type": "application/json",
          "x-csrf-token": sessionStorage.getItem("recto.csrf") ?? "",
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    { method, path, body },
  );
}

interface ApiRule {
  id: number;
  name: string;
  description: string | null;
  enabled: boolean;
  conditions: { parameter: string; operator: string; value?: unknown }[];
  consortium: string | null;
}
const rulesOf = async (page: Page, table: string): Promise<ApiRule[]> =>
  (await call<{ rules: ApiRule[] }>(page, "GET", `/api/v1/rule-tables/${table}`)).body.rules;

const h1 = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();

describe("the digitization rules", () => {
  it("lists the rules in order with the default rule, on a wide screen and at 320 px", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    await h1(page, "Digitization and copyright rules");
    const rules = await rulesOf(page, "digitization");
    expect(rules.length).toBeGreaterThanOrEqual(12);
    const rows = page.getByRole("grid", { name: /rules in order/ }).getByRole("row");
    expect(await rows.count()).toBe(rules.length);
    await rows.first().getByText(rules[0]!.name, { exact: true }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Default rule" }).waitFor();
    await page.getByText("deliver as a download link").first().waitFor();
    const nav = page.getByRole("navigation", { name: "Setup" });
    expect(await nav.getByRole("link", { name: /Digitization and copyright rules/ }).getAttribute("aria-current")).toBe(
      "page",
    );
    await expectAccessible(page, "digitization rules");
    await shot(page, "rules-list");

    const narrow = await signIn("/staff/setup/rules/digitization", 320);
    await h1(narrow, "Digitization and copyright rules");
    await expectNoSideways(narrow, "digitization rules at 320 px");
    await expectAccessible(narrow, "digitization rules at 320 px");
    await narrow.locator(".rule-list").scrollIntoViewIfNeeded();
    await shot(narrow, "rules-list-320", false);
  });

  it("reorders a rule with the keyboard alone and saves the order", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    await h1(page, "Digitization and copyright rules");
    const before = await rulesOf(page, "digitization");
    const [first, second] = [before[0]!, before[1]!];
    await tabTo(page, `[aria-label="Move down: ${first.name}"]`, 80);
    await page.keyboard.press("Enter");
    await page
      .getByText(`“${first.name}” is now at position 2 of ${before.length}. Save the order to keep it.`)
      .waitFor();
    // not saved yet: the server still has the old order
    expect((await rulesOf(page, "digitization")).map((r) => r.id)).toEqual(before.map((r) => r.id));
    await expectAccessible(page, "order changed, not saved");
    await shot(page, "rules-reordered");
    await tabTo(page, ".rule-order-bar .button:not(.secondary)");
    await page.keyboard.press("Enter");
    await page.getByText("The order is saved.").waitFor();
    const after = (await rulesOf(page, "digitization")).map((r) => r.id);
    expect(after).toEqual([second.id, first.id, ...before.slice(2).map((r) => r.id)]);
    const versions = (await call(page, "GET", "/api/v1/rule-tables/digitization/versions")).body.versions;
    expect(versions[0]).toMatchObject({ action: "reordered", actor_name: expect.any(String) });
    // the history says it in words
    await page
      .getByText(/^order changed, by .+/)
      .first()
      .waitFor();
  });

  it("reorders a rule by dragging it", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    await h1(page, "Digitization and copyright rules");
    const before = await rulesOf(page, "digitization");
    const [first, second, third] = [before[0]!, before[1]!, before[2]!];
    // tall enough that nothing scrolls while dragging
    await page.setViewportSize({ width: 1280, height: 3000 });
    const rows = page.getByRole("grid", { name: /rules in order/ }).getByRole("row");
    const target = (await rows.nth(2).boundingBox())!;
    await rows
      .nth(0)
      .dragTo(rows.nth(2), { sourcePosition: { x: 60, y: 12 }, targetPosition: { x: 60, y: target.height - 6 } });
    await page
      .getByText(`“${first.name}” is now at position 3 of ${before.length}. Save the order to keep it.`)
      .waitFor();
    await page.getByRole("button", { name: "Save the order" }).click();
    await page.getByText("The order is saved.").waitFor();
    const after = (await rulesOf(page, "digitization")).map((r) => r.id);
    expect(after).toEqual([second.id, third.id, first.id, ...before.slice(3).map((r) => r.id)]);
  });

  it("answers the readiness check's addresses: #rule-<id> and #default come into view", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    const last = (await rulesOf(page, "digitization")).at(-1)!;
    const inView = (id: string) =>
      page.evaluate((id) => {
        const box = document.getElementById(id)?.getBoundingClientRect();
        return !!box && box.top >= 0 && box.bottom <= window.innerHeight;
      }, id);
    // a fresh load each time: the rows arrive after the page, so the page itself must scroll
    await page.goto(`${suite.recto.url}/staff/setup/readiness`);
    await page.goto(`${suite.recto.url}/staff/setup/rules/digitization#rule-${last.id}`);
    await page.locator(`#rule-${last.id}`).waitFor();
    expect(await inView(`rule-${last.id}`)).toBe(true);
    await page.goto(`${suite.recto.url}/staff/setup/readiness`);
    await page.goto(`${suite.recto.url}/staff/setup/rules/digitization#default`);
    await page.locator("#default").waitFor();
    expect(await inView("default")).toBe(true);
  });

  it("turns a rule on from the list", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    await h1(page, "Digitization and copyright rules");
    const rule = (await rulesOf(page, "digitization")).find((r) => !r.enabled)!;
    await page.getByRole("button", { name: `Turn on: ${rule.name}` }).click();
    await page.getByText(`“${rule.name}” is on.`).waitFor();
    expect((await rulesOf(page, "digitization")).find((r) => r.id === rule.id)?.enabled).toBe(true);
    expect(
      (await call(page, "PATCH", `/api/v1/rule-tables/digitization/rules/${rule.id}`, { enabled: false })).status,
    ).toBe(200);
  });

  it("shows the server's refusal at its field and saves nothing; a good value saves, and the history shows before and after", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    const rule = (await rulesOf(page, "digitization")).find((r) => r.name === "Public domain by publication year")!;
    // a deep link opens that rule
    await page.goto(`${suite.recto.url}/staff/setup/rules/digitization/${rule.id}`);
    await h1(page, rule.name);
    await expectAccessible(page, "rule editor");
    await shot(page, "rule-editor");

    const value = page.locator("#rule-conditions-0-value");
    await value.fill("long ago");
    await page.getByRole("button", { name: "Save" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    const field = page.locator(".field", { has: value });
    const message = (await field.locator(".field-error").innerText()).trim();
    expect(message).toMatch(/condition 1/);
    expect(await value.getAttribute("aria-invalid")).toBe("true");
    const link = summary.getByRole("link", { name: `Condition 1, value: ${message}` });
    expect(await link.getAttribute("href")).toBe("#rule-conditions-0-value");
    const unchanged = (await rulesOf(page, "digitization")).find((r) => r.id === rule.id)!;
    expect(unchanged.conditions).toEqual(rule.conditions);
    await expectAccessible(page, "rule editor, refused");
    await shot(page, "rule-editor-refused");

    await value.fill("1929");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect((await rulesOf(page, "digitization")).find((r) => r.id === rule.id)!.conditions[0]!.value).toBe(1929);
    const history = page.getByRole("region", { name: "History of this rule" });
    await history.getByText(/^Public domain by publication year: changed, by /).waitFor();
    await history.getByText("Before and after").first().click();
    const changed = history.locator("tr.is-changed").first();
    await changed.getByText("Conditions").waitFor();
    await changed.getByText("Year of publication is less than 1929").waitFor();
    await expectAccessible(page, "rule history open");
    await shot(page, "rule-history");
  });

  it("gives a rule's description a box of several lines that shows it whole, also at 320 px", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    const rules = await rulesOf(page, "digitization");
    // the demo's longest description, a sentence of about a hundred characters
    const rule = rules.reduce((a, b) => ((b.description ?? "").length > (a.description ?? "").length ? b : a));
    for (const width of [1280, 320]) {
      const editor = await signIn(`/staff/setup/rules/digitization/${rule.id}`, width);
      await h1(editor, rule.name);
      const box = editor.getByRole("textbox", { name: "Description (optional)" });
      expect(await box.inputValue()).toBe(rule.description);
      expect(await box.evaluate((el) => el.tagName)).toBe("TEXTAREA");
      expect(await box.evaluate((el) => el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth)).toBe(
        true,
      );
      await expectNoSideways(editor, `a rule's description at ${width} px`);
      await expectAccessible(editor, `a rule's description at ${width} px`);
    }
  });

  it("adds a rule, refusing one with no name at the name field, and deletes it", async () => {
    const page = await signIn("/staff/setup/rules/digitization/new");
    await h1(page, "New rule");
    await page.getByRole("button", { name: "Add a condition" }).click();
    await page.locator("#rule-conditions-0-parameter").selectOption("material_type");
    await page.locator("#rule-conditions-0-value").fill("SCORE");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .locator(".field", { has: page.locator("#rule-name") })
      .locator(".field-error")
      .waitFor();
    await page.locator("#rule-name").fill("Printed music");
    await page.getByRole("button", { name: "Save" }).click();
    await h1(page, "Printed music");
    const rule = (await rulesOf(page, "digitization")).find((r) => r.name === "Printed music")!;
    expect(rule.conditions).toEqual([{ parameter: "material_type", operator: "equals", value: "SCORE" }]);
    await page.getByRole("button", { name: "Delete this rule" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await h1(page, "Digitization and copyright rules");
    expect((await rulesOf(page, "digitization")).some((r) => r.id === rule.id)).toBe(false);
  });
});

describe("in the reader's language", () => {
  it("shows the table and the editor in French", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    await page.evaluate(() => localStorage.setItem("recto.language", "fr"));
    await page.reload();
    await h1(page, "Règles de numérisation et de droit d’auteur");
    await page.getByRole("heading", { level: 2, name: "Règle par défaut" }).waitFor();
    // the operators agree with a parameter of either gender
    await page
      .getByText(/^Année de publication vaut moins de \d+$/)
      .first()
      .waitFor();
    await expectAccessible(page, "digitization rules in French");
    await shot(page, "rules-list-fr", false);
    await page.goto(`${suite.recto.url}/staff/setup/rules/digitization/new`);
    await h1(page, "Nouvelle règle");
    await expectAccessible(page, "new rule in French");
  });
});

describe("the other tables", () => {
  it("edits the patron limits, delivery and display logic tables with the same editor", async () => {
    const page = await signIn("/staff/setup/rules/patron_limits");
    await h1(page, "Patron limits");
    await expectAccessible(page, "patron limits");
    for (const [table, title] of [
      ["delivery", "Electronic document delivery rules"],
      ["display_logic", "Display logic rules"],
    ]) {
      await page.goto(`${suite.recto.url}/staff/setup/rules/${table}`);
      await h1(page, title!);
      await expectAccessible(page, title!);
    }
    await page.goto(`${suite.recto.url}/staff/setup/rules/delivery/default`);
    await h1(page, "Default rule");
    await expectAccessible(page, "delivery default rule");
  });

  it("opens a fulfillment unit's rules by the unit's id", async () => {
    const page = await signIn("/staff/setup/rules/digitization");
    const terms = (
      await call(page, "POST", "/api/v1/terms-of-use", {
        code: "ROOM_USE",
        name: "Reading room use",
        is_digitizable: true,
      })
    ).body;
    expect(terms.code).toBe("ROOM_USE");
    const unit = await call(page, "POST", "/api/v1/fulfillment-units", {
      code: "READING_ROOM",
      location_ids: [],
      name: "Reading room",
      default_terms_of_use: terms.code,
    });
    expect(unit.status).toBe(201);
    await page.goto(`${suite.recto.url}/staff/setup/rules/fulfillment_unit:${unit.body.id}`);
    await h1(page, "Request rules of the fulfillment unit Reading room (READING_ROOM)");
    await page.getByText(`terms of use ${terms.code}`).waitFor();
    await expectAccessible(page, "fulfillment unit rules");
    await shot(page, "unit-rules");
  });

  it("shows the consortium's rules read-only with a lock and where they come from", async () => {
    const consortium = await makeInstitution(suite.recto.ctx);
    const key = (await admin(suite.recto.ctx, consortium)).apiKey;
    const res = await fetch(`${suite.recto.url}/api/v1/rule-tables/display_logic/rules`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Shared: no digitization for the shelf",
        conditions: [{ parameter: "item_available", operator: "equals", value: true }],
        output: { hide: ["digitization"] },
      }),
    });
    expect(res.status).toBe(201);
    await joinConsortium(suite.recto.ctx.db, "DEMO", consortium.code);
    try {
      const page = await signIn("/staff/setup/rules/display_logic");
      await page.getByRole("heading", { level: 2, name: `Rules from the consortium ${consortium.code}` }).waitFor();
      await page.getByText(`Set by the consortium ${consortium.code}: read-only here`).waitFor();
      expect(await page.getByRole("button", { name: /Shared: no digitization/ }).count()).toBe(0);
      await expectAccessible(page, "consortium rules");
      await shot(page, "consortium-rules");
      await page.getByRole("link", { name: "View: Shared: no digitization for the shelf" }).click();
      await h1(page, "Shared: no digitization for the shelf");
      await page.getByText(`Set by the consortium ${consortium.code}: read-only here`).waitFor();
      expect(await page.getByRole("button", { name: "Save" }).count()).toBe(0);
      await expectAccessible(page, "a consortium rule");
    } finally {
      await joinConsortium(suite.recto.ctx.db, "DEMO", null);
    }
  });
});

describe("the approval reasons", () => {
  it("lists, adds (refusing a code already used at its field), edits and deactivates", async () => {
    const page = await signIn("/staff/setup/approval-reasons");
    await h1(page, "Approval reasons");
    await page.getByRole("cell", { name: "PUBLIC_DOMAIN" }).waitFor();
    await expectAccessible(page, "approval reasons");
    await shot(page, "reasons");

    await page.getByRole("link", { name: "Add a reason" }).click();
    await h1(page, "New approval reason");
    await page.locator("#reason-code").fill("PUBLIC_DOMAIN");
    await page.locator("#reason-label").fill("Public domain again");
    await page.getByRole("button", { name: "Save" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: /^Code: / }).waitFor();
    await page
      .locator(".field", { has: page.locator("#reason-code") })
      .locator(".field-error")
      .waitFor();
    await expectAccessible(page, "approval reason refused");
    await shot(page, "reason-refused");
    await page.locator("#reason-code").fill("CROWN_COPYRIGHT_EXPIRED");
    await page.getByRole("button", { name: "Save" }).click();
    await h1(page, "Approval reasons");
    await page.getByRole("cell", { name: "CROWN_COPYRIGHT_EXPIRED" }).waitFor();

    await page.getByRole("button", { name: "Make inactive: Public domain again" }).click();
    await page.getByText("“Public domain again” is inactive.").waitFor();
    const reasons = (await call(page, "GET", "/api/v1/approval-reasons")).body.approval_reasons;
    expect(reasons.find((r: { code: string }) => r.code === "CROWN_COPYRIGHT_EXPIRED")).toMatchObject({
      label: "Public domain again",
      active: false,
    });
  });

  it("reads at 320 px, the table scrolling on its own", async () => {
    const page = await signIn("/staff/setup/approval-reasons", 320);
    await h1(page, "Approval reasons");
    await page.getByRole("cell", { name: "PUBLIC_DOMAIN" }).waitFor();
    await expectNoSideways(page, "approval reasons at 320 px");
    await expectAccessible(page, "approval reasons at 320 px");
    await shot(page, "reasons-320");
  });
});

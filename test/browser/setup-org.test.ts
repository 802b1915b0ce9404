import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { joinConsortiumCli } from "../../src/cli/join-consortium.js";
import { admin, makeInstitution } from "../factories.js";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * The organisation screens of the setup section (issue 13, steps 2 to 5 and the consortium's
 * locked rows) as the demo's General System Administrator: each list, form, refusal and save
 * accessible (axe, 320 px), and a department created and saved with the keyboard alone.
 */

const suite = useBrowserSuite();
const shots = process.env.SHOTS ?? process.env.RECTO_SCREENSHOTS;

async function signIn(path: string, options: { width?: number; user?: string } = {}): Promise<Page> {
  const page = await suite.newPage(options.width ? { width: options.width } : {});
  await page.goto(`${suite.recto.url}/staff/setup${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, options.user ?? "demo-admin");
  await page.waitForURL(new RegExp(`/staff/setup${path.replace(/[?]/g, "\\?")}$`));
  return page;
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/setup-org-${name}.png`, fullPage: true });
};

/** Every state of a screen: accessible, and at 320 px nothing wider than the window. */
async function check(page: Page, state: string): Promise<void> {
  await expectAccessible(page, state);
  await shot(page, state.replace(/[^a-z0-9]+/gi, "-"));
}

const departmentRows = async (code: string) =>
  suite.recto.ctx.db.selectFrom("departments").selectAll().where("code", "=", code).execute();

describe("the setup navigation", { timeout: 120_000 }, () => {
  it("numbers each of the guide's eleven steps once, in order, with a step's parts under its number", async () => {
    const page = await signIn("/departments");
    await h1(page, "Departments and desks");
    const nav = page.getByRole("navigation", { name: "Setup" });
    const steps = (await nav.locator(".setup-step").allTextContents()).map((s) => s.trim());
    expect(steps).toEqual(Array.from({ length: 11 }, (_, i) => `Step ${i + 1}`));
    const partsOf = (step: number) =>
      nav
        .getByRole("list", { name: `Step ${step}` })
        .getByRole("link")
        .allTextContents();
    expect(await partsOf(5)).toEqual(["User groups", "Patron limits"]);
    expect(await partsOf(7)).toEqual(["Digitization and copyright rules", "Approval reasons"]);
    expect(await partsOf(3)).toEqual(["Terms of use"]);
    expect(await nav.getByRole("link", { name: "Departments and desks" }).getAttribute("aria-current")).toBe("page");
    await check(page, "setup navigation");
  });
});

describe("departments and desks", { timeout: 120_000 }, () => {
  it("lists the departments and each library's desks", async () => {
    const page = await signIn("/departments");
    await h1(page, "Departments and desks");
    await page.getByRole("heading", { level: 2, name: "Departments" }).waitFor();
    await page.getByRole("table").first().waitFor();
    await page.getByRole("heading", { level: 2, name: "Desks" }).waitFor();
    await check(page, "departments list");
  });

  it("shows the server's refusals beside the fields and in a summary, and writes nothing", async () => {
    const page = await signIn("/departments/new");
    await h1(page, "New department");
    await page.getByLabel("Code", { exact: true }).fill("BAD CODE!");
    await page.getByLabel("Map URL").fill("ftp://example.org/map");
    await page.getByRole("button", { name: "Create" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    expect(await summary.getByRole("link").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator("#dept-name").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#dept-map-url").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#dept-work-time").getAttribute("aria-invalid")).toBe("true");
    expect(await departmentRows("BAD CODE!")).toEqual([]);
    await check(page, "department form errors");
  });

  it("creates a department with the keyboard alone, then saves a change and announces it", async () => {
    const page = await signIn("/departments/new");
    await h1(page, "New department");
    await check(page, "department form new");
    await tabTo(page, "#dept-code");
    await page.keyboard.type("KEYS");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Keyboard scanning");
    await tabTo(page, "#dept-work-time");
    await page.keyboard.type("7");
    await tabTo(page, "#dept-emails");
    await page.keyboard.type("scan@example.org");
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    const status = page.getByRole("status").filter({ hasText: "Created: Keyboard scanning." });
    await status.waitFor();
    await page.waitForURL(/\/staff\/setup\/departments\/KEYS$/);
    await h1(page, "Edit Keyboard scanning");
    const [row] = await departmentRows("KEYS");
    expect(row).toMatchObject({ name: "Keyboard scanning", work_time_days: 7, owner_level: "institution" });
    await check(page, "department saved");

    // from the saved form round the whole page (its frame and the setup navigation) back to the field
    await tabTo(page, "#dept-work-time", 60);
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("9");
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Saved: Keyboard scanning." }).waitFor();
    expect((await departmentRows("KEYS"))[0]?.work_time_days).toBe(9);
  });

  it("makes a staff member an operator, saying it grants Work Order Operator (at the readiness check's address, by code)", async () => {
    const [dep] = await suite.recto.ctx.db.selectFrom("departments").select(["code", "name"]).limit(1).execute();
    const page = await signIn(`/departments/${dep!.code}`);
    await h1(page, `Edit ${dep!.name}`);
    await page.getByText(/gives them the Work Order Operator role/).waitFor();
    await page.getByRole("searchbox", { name: "Find a staff member" }).fill("demo-requests-operator");
    await page.getByRole("button", { name: "Search" }).click();
    const add = page.getByRole("button", { name: /^Make .* an operator$/ });
    await add.first().waitFor();
    await check(page, "department operators found");
    await add.first().click();
    await page
      .getByRole("status")
      .filter({ hasText: /is now an operator and has the Work Order Operator role/ })
      .waitFor();
    await check(page, "department operator added");
  });

  it("edits a desk: supports digitization needs a work time", async () => {
    const [desk] = await suite.recto.ctx.db
      .selectFrom("circulation_desks")
      .innerJoin("libraries", "libraries.id", "circulation_desks.library_id")
      .select(["circulation_desks.code", "circulation_desks.name", "libraries.code as library_code"])
      .limit(1)
      .execute();
    // the address the readiness check links a desk's fix to
    const page = await signIn(`/libraries/${desk!.library_code}/desks/${desk!.code}`);
    await h1(page, `Edit ${desk!.name}`);
    await page.getByLabel("Supports digitization").check();
    await page.getByLabel("Work time in days").fill("");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    await check(page, "desk errors");
    await page.getByLabel("Work time in days").fill("3");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Saved: ${desk!.name}.` })
      .waitFor();
    await check(page, "desk saved");
  });

  it("reads at 320 px", async () => {
    const page = await signIn("/departments", { width: 320 });
    await h1(page, "Departments and desks");
    await page.getByRole("table").first().waitFor();
    await expectNoSideways(page, "departments 320");
    await check(page, "departments 320");
    await page.goto(`${suite.recto.url}/staff/setup/departments/new`);
    await h1(page, "New department");
    await expectNoSideways(page, "department form 320");
    await check(page, "department form 320");
  });

  it("is not offered to staff whose roles do not let them change it", async () => {
    const page = await signIn("/departments", { user: "demo-letter-admin" });
    await h1(page, "Not yours to change");
    expect(
      await page
        .getByRole("navigation", { name: "Setup" })
        .getByRole("link", { name: /Departments/ })
        .count(),
    ).toBe(0);
    await check(page, "departments not allowed");
  });
});

/** One setup screen of a code and a name: its list, its form, its refusal and its save. */
interface Screen {
  slug: string;
  title: string;
  newTitle: string;
  table: "libraries" | "printers" | "terms_of_use" | "fulfillment_units" | "user_groups";
  /** fills what the form needs beyond code and name */
  fill?(page: Page): Promise<void>;
  /** the field the server refuses when only code and name are bad */
  refused: string;
}

const SCREENS: Screen[] = [
  { slug: "libraries", title: "Libraries", newTitle: "New library", table: "libraries", refused: "#library-name" },
  {
    slug: "printers",
    title: "Printers",
    newTitle: "New printer",
    table: "printers",
    refused: "#printer-name",
    fill: async (page) => page.getByLabel("Email address").fill("printer@example.org"),
  },
  {
    slug: "terms-of-use",
    title: "Terms of use",
    newTitle: "New terms of use",
    table: "terms_of_use",
    refused: "#terms-name",
    fill: async (page) => {
      await page.getByLabel("Fee amount").fill("2.50");
      await page.getByLabel("Currency").fill("EUR");
      await page.getByLabel("Maximum pages per request").fill("40");
    },
  },
  {
    slug: "fulfillment-units",
    title: "Fulfillment units",
    newTitle: "New fulfillment unit",
    table: "fulfillment_units",
    refused: "#unit-name",
    fill: async (page) => {
      // the demo has no terms of use: these are the ones the terms of use screen created just before
      await page.getByLabel("Default terms of use").selectOption({ index: 1 });
      await page.locator("input[id^=unit-location-]").first().check();
    },
  },
  {
    slug: "user-groups",
    title: "User groups",
    newTitle: "New user group",
    table: "user_groups",
    refused: "#group-name",
    fill: async (page) => page.getByLabel("Patron limit").fill("0"),
  },
];

const rowsWithCode = (table: Screen["table"], code: string) =>
  suite.recto.ctx.db.selectFrom(table).select("name").where("code", "=", code).execute();

describe.each(SCREENS)("the $title screens", { timeout: 120_000 }, (screen) => {
  it("list, refuse with the reasons at the fields, create and announce it", async () => {
    const page = await signIn(`/${screen.slug}`);
    await h1(page, screen.title);
    await page.getByRole("table").or(page.getByText(/yet\./)).first().waitFor();
    await check(page, `${screen.slug} list`);

    await page.getByRole("link", { name: screen.newTitle }).click();
    await h1(page, screen.newTitle);
    await check(page, `${screen.slug} new`);
    const code = `UI_${screen.table.toUpperCase()}`.slice(0, 20);
    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    expect(await page.locator(screen.refused).getAttribute("aria-invalid")).toBe("true");
    expect(await rowsWithCode(screen.table, code)).toEqual([]);
    await check(page, `${screen.slug} errors`);

    await page.getByLabel("Name", { exact: true }).fill(`Made in the browser ${screen.slug}`);
    await screen.fill?.(page);
    await page.getByRole("button", { name: "Create" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Created: Made in the browser ${screen.slug}.` })
      .waitFor();
    await page.waitForURL(new RegExp(`/staff/setup/${screen.slug}/\\d+$`));
    expect(await rowsWithCode(screen.table, code)).toEqual([{ name: `Made in the browser ${screen.slug}` }]);
    await check(page, `${screen.slug} saved`);
  });

  it("reads at 320 px", async () => {
    const page = await signIn(`/${screen.slug}`, { width: 320 });
    await h1(page, screen.title);
    await page.getByRole("table").or(page.getByText(/yet\./)).first().waitFor();
    await expectNoSideways(page, `${screen.slug} 320`);
    await check(page, `${screen.slug} 320`);
    await page.getByRole("link", { name: screen.newTitle }).click();
    await h1(page, screen.newTitle);
    await expectNoSideways(page, `${screen.slug} form 320`);
    await check(page, `${screen.slug} form 320`);
  });
});

describe("libraries and the places that serve them", { timeout: 120_000 }, () => {
  it("names the places serving a library, or says none does, with the ways to fix it", async () => {
    const [library] = await suite.recto.ctx.db
      .selectFrom("libraries")
      .select("id")
      .where("code", "=", "UI_LIBRARIES")
      .execute();
    const page = await signIn(`/libraries/${library!.id}`);
    const served = page.getByRole("region", { name: "Served by" });
    await served
      .getByRole("link", { name: /^Department / })
      .first()
      .waitFor();
    await check(page, "library served");

    // The departments serving every library stop serving this one: no place serves it.
    const others = await suite.recto.ctx.db
      .selectFrom("libraries")
      .select("id")
      .where("id", "!=", library!.id)
      .execute();
    const everywhere = await page.evaluate(async () => {
      const list = await (await fetch("/api/v1/departments")).json();
      return (list.departments as { id: number; served_libraries: { all: boolean } }[])
        .filter((d) => d.served_libraries.all)
        .map((d) => d.id);
    });
    const serveOnly = (served: unknown) =>
      page.evaluate(
        async ({ ids, served }) => {
          const statuses = [];
          for (const id of ids) {
            const res = await fetch(`/api/v1/departments/${id}`, {
              method: "PATCH",
              headers: {
                "content-type": "application/json",
                "x-csrf-token": sessionStorage.getItem("recto.csrf") ?? "",
              },
              body: JSON.stringify({ served_libraries: served }),
            });
            statuses.push(res.status);
          }
          return statuses;
        },
        { ids: everywhere, served },
      );
    expect(await serveOnly(others.map((l) => l.id))).toEqual(everywhere.map(() => 200));
    try {
      await page.reload();
      await served.getByText("No place serves this library").waitFor();
      await served.getByRole("link", { name: "Create a desk" }).waitFor();
      await check(page, "library not served");
    } finally {
      expect(await serveOnly({ all: true })).toEqual(everywhere.map(() => 200));
    }
  });
});

describe("a consortium's shared user group", { timeout: 120_000 }, () => {
  it("is shown read only, with a lock and the consortium it comes from", async () => {
    const consortium = await makeInstitution(suite.recto.ctx);
    const consortiumAdmin = await admin(suite.recto.ctx, consortium);
    const quiet = { out: () => {}, err: () => {} };
    expect(
      await joinConsortiumCli(suite.recto.ctx.db, ["--institution", "DEMO", "--consortium", consortium.code], quiet),
    ).toBe(0);
    const made = await fetch(`${suite.recto.url}/api/v1/user-groups`, {
      method: "POST",
      headers: { authorization: `Bearer ${consortiumAdmin.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        code: "PARTNER",
        name: "Partner library visitor",
        max_digitization_requests: 2,
        shared: true,
      }),
    });
    expect(made.status).toBe(201);

    const page = await signIn("/user-groups");
    const row = page.getByRole("row").filter({ hasText: "Partner library visitor" });
    await row.getByText(`Shared by the consortium ${consortium.code}: read only here`).waitFor();
    await check(page, "user groups with a consortium group");
    await row.getByRole("link", { name: "Partner library visitor" }).click();
    await h1(page, "Edit Partner library visitor");
    await page.getByText("This group comes from the consortium: change it there.").waitFor();
    expect(await page.getByRole("button", { name: "Save" }).count()).toBe(0);
    expect(await page.getByRole("textbox").count()).toBe(0);
    await check(page, "consortium group read only");
  });
});

describe("every page", { timeout: 120_000 }, () => {
  it("saw no page error or CSP refusal", () => {
    expect(suite.problems()).toEqual([]);
  });
});

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runQueuedMarcImports } from "../../src/catalogue/marc/import-jobs.js";
import { fileStorageFromConfig } from "../../src/files/file-storage.js";
import { expectAccessible, expectNoSideways, fillSignIn, useBrowserSuite } from "./browser.js";

/*
 * The setup section's loading screens as the demo's General System Administrator: the catalogue
 * (a MARC file imported in the background, followed on the page) and the patrons (a CSV loaded,
 * its bad rows listed), each state accessible and readable at 320 px.
 */

const suite = useBrowserSuite();
const shots = process.env.SHOTS ?? process.env.RECTO_SCREENSHOTS;

async function signIn(path: string, width?: number): Promise<Page> {
  const page = await suite.newPage(width ? { width } : {});
  await page.goto(`${suite.recto.url}/staff/setup${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, "demo-admin");
  await page.waitForURL(new RegExp(`/staff/setup${path}$`));
  return page;
}

async function check(page: Page, state: string) {
  await expectAccessible(page, state);
  if (shots) await page.screenshot({ path: `${shots}/setup-loading-${state}.png`, fullPage: true });
}

const marc = (id: string) => `<record><leader>00000nam a2200000 a 4500</leader>
  <controlfield tag="001">${id}</controlfield>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">Loaded title ${id}</subfield></datafield>
  <datafield tag="949" ind1=" " ind2=" "><subfield code="i">LOAD-${id}</subfield><subfield code="l">NEWLOC</subfield><subfield code="m">MAIN</subfield></datafield>
</record>`;

describe("the setup section's loading screens", () => {
  it("imports a MARC file: a missing file refused at the field, the import followed until done", async () => {
    const page = await signIn("/catalogue");
    await page.getByRole("heading", { level: 1, name: "Catalogue" }).waitFor();
    await check(page, "catalogue");

    await page.getByRole("button", { name: "Start the import" }).click();
    await page.getByRole("alert").getByText("Choose a file first.").waitFor();
    expect(await page.getByLabel("MARC file").getAttribute("aria-invalid")).toBe("true");
    await check(page, "catalogue-no-file");

    await page.getByLabel("MARC file").setInputFiles({
      name: "two.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(`<collection>${marc("L1")}${marc("L2")}</collection>`),
    });
    await page.getByLabel(/Create the libraries and locations/).check();
    await page.getByRole("button", { name: "Start the import" }).click();
    await page.getByRole("status").getByText("The import of two.xml has started").waitFor();
    const row = page.getByRole("row", { name: /two\.xml/ });
    await row.getByText("Waiting").waitFor();

    // the worker's turn (the browser tests' server runs no worker); the page follows it
    await runQueuedMarcImports(suite.recto.ctx, fileStorageFromConfig(suite.recto.ctx.config), {});
    await row.getByText("Done").waitFor({ timeout: 10_000 });
    await row.getByText("2 titles created or updated, 2 items created or updated, 0 records left out").waitFor();
    await check(page, "catalogue-done");
    const items = await suite.recto.ctx.db
      .selectFrom("items")
      .select("barcode")
      .where("barcode", "like", "LOAD-%")
      .execute();
    expect(items.map((i) => i.barcode).sort()).toEqual(["LOAD-L1", "LOAD-L2"]);
  });

  it("loads patrons from a CSV, lists the rows left out, and a dry run writes nothing", async () => {
    const page = await signIn("/patrons", 320);
    await page.getByRole("heading", { level: 1, name: "Patrons" }).waitFor();
    await check(page, "patrons");
    await expectNoSideways(page, "patrons at 320 px");

    const csv = "primary_id,first_name,last_name,user_group\nweb-p1,Ada,Lovelace,UNDERGRAD\nweb-p2,Bad,Group,NOPE\n";
    const file = { name: "campus.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };
    await page.getByLabel("Files of patrons").setInputFiles(file);
    await page.getByLabel(/Check only/).check();
    await page.getByRole("button", { name: "Load the patrons" }).click();
    await page.getByRole("status").getByText("Nothing was written. The load would create 1").waitFor();
    const none = await suite.recto.ctx.db.selectFrom("users").select("id").where("primary_id", "=", "web-p1").execute();
    expect(none).toEqual([]);

    await page.getByLabel(/Check only/).uncheck();
    await page.getByRole("button", { name: "Load the patrons" }).click();
    await page.getByRole("status").getByText("1 created, 0 updated, 0 unchanged, 0 expired.").waitFor();
    await page.getByRole("heading", { name: "1 of 2 records left out:" }).waitFor();
    await page.getByRole("cell", { name: "There is no user group with code NOPE in this institution." }).waitFor();
    await check(page, "patrons-loaded");
    await expectNoSideways(page, "patrons loaded at 320 px");
    const loaded = await suite.recto.ctx.db
      .selectFrom("users")
      .select(["first_name", "last_name"])
      .where("primary_id", "=", "web-p1")
      .execute();
    expect(loaded).toEqual([{ first_name: "Ada", last_name: "Lovelace" }]);
  });
});

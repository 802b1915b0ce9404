import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { secretBox } from "../../src/secrets/secrets-key.js";
import { IDP_CERT } from "../saml-idp.js";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * Setup → Sign-on (issue 15) as the demo's General System Administrator: an OpenID provider added
 * with the keyboard alone (two mapping rows, refused by default), listed; a SAML provider with a
 * certificate that does not read refused at its field with nothing saved; a SAML provider that
 * requires encrypted assertions and signs its requests, ticked with the keyboard; the provider edited
 * with its client secret kept, then removed after a confirmation. Each state: axe, and 320 px.
 */

const suite = useBrowserSuite();
const shots = process.env.SHOTS ?? process.env.RECTO_SCREENSHOTS;

async function signIn(path: string, width?: number): Promise<Page> {
  const page = await suite.newPage(width ? { width } : {});
  await page.goto(`${suite.recto.url}/staff/setup/sign-on${path}`);
  await page.waitForURL(/\/staff\/sign-in\?return=/);
  await fillSignIn(page, "demo-admin");
  await page.waitForURL(new RegExp(`/staff/setup/sign-on${path}$`));
  return page;
}

/** A state of the screen: accessible, kept as a picture when SHOTS is set, and at 320 px reflowing. */
async function check(page: Page, state: string): Promise<void> {
  await expectAccessible(page, state);
  const name = state.replace(/[^a-z0-9]+/gi, "-");
  if (shots) await page.screenshot({ path: `${shots}/setup-sign-on-${name}.png`, fullPage: true });
  const width = page.viewportSize()?.width ?? 1280;
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoSideways(page, `${state} at 320 px`);
  if (shots) await page.screenshot({ path: `${shots}/setup-sign-on-${name}-320.png`, fullPage: true });
  await page.setViewportSize({ width, height: 800 });
}

const rows = (code: string) =>
  suite.recto.ctx.db.selectFrom("identity_providers").selectAll().where("code", "=", code).execute();

/** The client secret a provider's stored settings hold: sealed in the row, opened with the server's key. */
function clientSecretOf(settings: string): string {
  const sealed = (JSON.parse(settings) as { client_secret: string }).client_secret;
  expect(sealed).not.toContain("s3cret-value");
  return secretBox(suite.recto.ctx.config).open(sealed, "oidc-client-secret");
}

/** Tab to a box and type into it, as a keyboard user does. */
async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `#${id}`);
  await page.keyboard.type(text);
}

/** A SAML provider "Federation" in the new-provider form, its mapping eduPerson's, with this certificate. */
async function fillSamlProvider(page: Page, code: string, certificate: string): Promise<void> {
  await page.locator("#idp-code").fill(code);
  await page.locator("#idp-label").fill("Federation");
  await page.locator("#idp-protocol").selectOption("saml");
  await page.locator("#idp-entity-id").fill("https://idp.federation.example/idp");
  await page.locator("#idp-sso-url").fill("https://idp.federation.example/sso");
  await page.locator("#idp-cert-0").fill(certificate);
  await page.locator("#idp-map-primary").fill("urn:oid:1.3.6.1.4.1.5923.1.1.1.6");
  await page.locator("#idp-map-group-attr").fill("urn:oid:1.3.6.1.4.1.5923.1.1.1.1");
}

const CERT_ERROR = "Paste a certificate that can be read";

describe("Setup → Sign-on", { timeout: 180_000 }, () => {
  it("adds an OpenID provider with two mapping rows, refused by default, with the keyboard alone", async () => {
    const page = await signIn("");
    await page.getByRole("heading", { level: 1, name: "Sign-on" }).waitFor();
    await check(page, "no provider");
    await tabTo(page, 'a[href$="/setup/sign-on/new"]');
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Add a provider" }).waitFor();
    await check(page, "new provider");

    await typeInto(page, "idp-code", "campus");
    await typeInto(page, "idp-label", "Campus account");
    await tabTo(page, "#idp-create");
    await page.keyboard.press("Space");
    await typeInto(page, "idp-issuer", "https://login.campus.example");
    await typeInto(page, "idp-client-id", "recto");
    await typeInto(page, "idp-client-secret", "s3cret-value");
    await typeInto(page, "idp-map-primary", "uid");
    await typeInto(page, "idp-map-email", "email");
    await typeInto(page, "idp-map-group-attr", "eduPersonAffiliation");
    for (const [i, value, group] of [
      [0, "faculty", "Faculty"],
      [1, "student", "Undergraduate"],
    ] as const) {
      await tabTo(page, "#idp-add-rule");
      await page.keyboard.press("Enter");
      // the new row's value box takes the keyboard at once
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`idp-rule-${i}-value`);
      await page.keyboard.type(value);
      await tabTo(page, `#idp-rule-${i}-group`);
      await page.keyboard.type(group);
    }
    expect(await page.locator("#idp-rule-1-group").inputValue()).toBe("UNDERGRAD");
    // the default stays "Refuse the sign-in"
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Campus account" }).waitFor();
    await page.getByText("Register this callback address at the provider").waitFor();
    await check(page, "provider created");

    const [row] = await rows("campus");
    expect(row).toBeDefined();
    expect(JSON.parse(row!.mapping)).toMatchObject({
      primary_id: "uid",
      match_by: "primary_id",
      email: "email",
      user_group: {
        attribute: "eduPersonAffiliation",
        rules: [
          { value: "faculty", user_group_code: "FACULTY" },
          { value: "student", user_group_code: "UNDERGRAD" },
        ],
        default_user_group_code: null,
      },
    });
    expect(JSON.parse(row!.settings)).toMatchObject({ client_id: "recto" });
    expect(clientSecretOf(row!.settings)).toBe("s3cret-value");
    expect(row!.create_accounts).toBeTruthy();

    await page.goto(`${suite.recto.url}/staff/setup/sign-on`);
    await page.getByRole("heading", { level: 2, name: "Campus account (campus)" }).waitFor();
    expect(await page.getByRole("cell", { name: "UNDERGRAD" }).count()).toBe(1);
    await check(page, "provider listed");
  });

  it("refuses a SAML provider whose certificate does not read, at its field, and saves nothing", async () => {
    const page = await signIn("/new");
    await fillSamlProvider(page, "fed", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----");
    await page.getByRole("button", { name: "Create" }).click();
    const summary = page.getByRole("alert").filter({ hasText: `Signing certificate 1: ${CERT_ERROR}` });
    await summary.waitFor();
    expect(await page.locator("#idp-cert-0").getAttribute("aria-invalid")).toBe("true");
    expect(await rows("fed")).toEqual([]);
    await check(page, "bad certificate refused");
  });

  it("creates a SAML provider that requires encryption and signs its requests, ticked with the keyboard", async () => {
    const page = await signIn("/new");
    await fillSamlProvider(page, "federation", IDP_CERT);
    // From the certificate on, by the keyboard: the two boxes come after "Each assertion must be signed".
    await page.locator("#idp-cert-0").focus();
    for (const id of ["idp-require-encrypted", "idp-sign-requests"]) {
      await tabTo(page, `#${id}`);
      expect(await page.locator(`#${id}`).isChecked()).toBe(false);
      await page.keyboard.press("Space");
      expect(await page.locator(`#${id}`).isChecked()).toBe(true);
    }
    await check(page, "SAML provider ticked");
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("status").filter({ hasText: "Federation" }).waitFor();
    const [row] = await rows("federation");
    expect(JSON.parse(row!.settings)).toMatchObject({ require_encrypted_assertions: true, sign_authn_requests: true });
    // The edit page shows them as saved.
    await page.goto(`${suite.recto.url}/staff/setup/sign-on/${row!.id}`);
    await page.getByRole("heading", { level: 1, name: "Edit Federation" }).waitFor();
    expect(await page.locator("#idp-require-encrypted").isChecked()).toBe(true);
    expect(await page.locator("#idp-sign-requests").isChecked()).toBe(true);
    await check(page, "SAML provider edited");
    // Listed, its OID attribute names wrap at 320 px; then it goes, leaving the OpenID provider alone.
    await page.goto(`${suite.recto.url}/staff/setup/sign-on`);
    await page.getByRole("heading", { level: 2, name: "Federation (federation)" }).waitFor();
    await check(page, "SAML provider listed");
    await suite.recto.ctx.db.deleteFrom("identity_providers").where("id", "=", row!.id).execute();
  });

  it("edits the provider keeping its client secret, then removes it after a confirmation", async () => {
    const [before] = await rows("campus");
    const page = await signIn(`/${before!.id}`);
    await page.getByRole("heading", { level: 1, name: "Edit Campus account" }).waitFor();
    expect(await page.locator("#idp-client-secret").inputValue()).toBe("");
    await page.getByText("A secret is stored").waitFor();
    await page.locator("#idp-label").fill("University account");
    expect(await page.locator("#idp-map-match").inputValue()).toBe("primary_id");
    await page.locator("#idp-map-match").selectOption("barcode");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "University account" }).waitFor();
    await check(page, "provider edited");
    const [after] = await rows("campus");
    expect(after!.label).toBe("University account");
    expect(clientSecretOf(after!.settings)).toBe("s3cret-value");
    expect(JSON.parse(after!.mapping)).toMatchObject({ match_by: "barcode", primary_id: "uid" });

    await page.getByRole("link", { name: /Back to/ }).click();
    await page.getByRole("button", { name: "Remove University account" }).click();
    await page.getByText("Remove University account? Its button disappears").waitFor();
    // React Aria's announcement of the save button's pending state outlives the editor for a few
    // seconds, labelled by that button (gone): axe would see it, screen readers never read it again.
    await page.waitForFunction(() => !document.querySelector("[data-live-announcer] [role=img]"));
    await check(page, "remove confirmation");
    await page.getByRole("button", { name: "Yes, remove it" }).click();
    await page.getByRole("status").filter({ hasText: "University account was removed." }).waitFor();
    await page.getByText("No identity provider yet").waitFor();
    expect(await rows("campus")).toEqual([]);
    await check(page, "provider removed");
  });

  it("no page broke the CSP or threw", () => {
    expect(suite.problems()).toEqual([]);
  });
});

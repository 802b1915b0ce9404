import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { insertProvider } from "../../src/sign-on/providers-repository.js";
import { IDP_CERT } from "../saml-idp.js";
import { expectAccessible, expectNoSideways, fillSignIn, tabTo, useBrowserSuite } from "./browser.js";

/*
 * Setup → Sign-on, a SAML provider's key pairs, with the keyboard alone as the demo's General
 * System Administrator: a new pair added (two rows, the metadata naming both), activated (the new
 * one in use), the old one retired after a confirmation. Each state: axe, and 320 px.
 */

const suite = useBrowserSuite();
let providerId: number;

beforeAll(async () => {
  const db = suite.recto.ctx.db;
  const inst = await db.selectFrom("institutions").select("id").where("code", "=", "DEMO").executeTakeFirstOrThrow();
  providerId = await insertProvider(
    db,
    inst.id,
    {
      code: "rollover",
      label: "Federation",
      enabled: true,
      sort_order: 0,
      create_accounts: false,
      protocol: "saml",
      settings: {
        idp_entity_id: "https://idp.federation.example/idp",
        idp_sso_url: "https://idp.federation.example/sso",
        idp_certificates: [IDP_CERT],
        want_assertions_signed: true,
        require_encrypted_assertions: false,
        sign_authn_requests: false,
      },
      mapping: {
        primary_id: "eppn",
        match_by: "primary_id",
        user_group: { attribute: "affiliation", rules: [], default_user_group_code: null },
      },
    },
    new Date().toISOString(),
  );
});

async function check(page: Page, state: string): Promise<void> {
  await expectAccessible(page, state);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoSideways(page, `${state} at 320 px`);
  // The table's caption reads on one line on a phone, not a letter a line.
  const caption = await page.getByText("Key pairs", { exact: true }).boundingBox();
  expect(caption!.width, `${state}: the caption's width at 320 px`).toBeGreaterThan(60);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const keys = () =>
  suite.recto.ctx.db
    .selectFrom("saml_sp_keys")
    .select(["id", "status"])
    .where("provider_id", "=", providerId)
    .orderBy("id")
    .execute();
const metadataCertificates = async () =>
  (await fetch(`${suite.recto.url}/auth/saml/DEMO/rollover/metadata`).then((r) => r.text())).match(
    /<md:KeyDescriptor use="encryption">/g,
  )?.length ?? 0;

/** Tab to the button of that name and press Enter, as a keyboard user does. */
async function press(page: Page, name: RegExp): Promise<void> {
  const target = page.getByRole("button", { name });
  await target.waitFor();
  await target.evaluate((el) => el.setAttribute("data-target", "yes"));
  await tabTo(page, '[data-target="yes"]', 80);
  await target.evaluate((el) => el.removeAttribute("data-target"));
  await page.keyboard.press("Enter");
}

describe("Setup → Sign-on: rolling a SAML provider's key pair over", { timeout: 180_000 }, () => {
  it("adds, activates and retires a key pair with the keyboard, the metadata following", async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.recto.url}/staff/setup/sign-on/${providerId}`);
    await page.waitForURL(/\/staff\/sign-in\?return=/);
    await fillSignIn(page, "demo-admin");
    await page.waitForURL(new RegExp(`/staff/setup/sign-on/${providerId}$`));
    const section = page.getByRole("region", { name: "Recto’s key pairs for this provider" });
    await section.getByRole("cell", { name: /In use/ }).waitFor();
    await check(page, "one key pair");
    expect(await section.getByRole("button", { name: /Activate|Retire/ }).count()).toBe(0);

    await press(page, /^Add a new key pair$/);
    await section.getByRole("status").getByText("A new key pair was added").waitFor();
    await check(page, "rollover begun");
    expect((await keys()).map((k) => k.status)).toEqual(["active", "next"]);
    expect(await metadataCertificates()).toBe(2);
    expect(await section.getByRole("button", { name: /Add a new key pair/ }).count()).toBe(0);

    await press(page, /^Activate – key pair 2$/);
    await section.getByRole("status").getByText("The key pair is in use").waitFor();
    await check(page, "new key pair active");
    const [oldKey, newKey] = await keys();
    expect([oldKey!.status, newKey!.status]).toEqual(["previous", "active"]);

    // The old pair is now listed second, after the one in use; retiring it asks first.
    await press(page, /^Retire – key pair 2$/);
    const confirm = section.getByRole("group", { name: "Retire – key pair 2" });
    await confirm.waitFor();
    await check(page, "retire asked");
    await press(page, /^Keep it$/);
    await confirm.waitFor({ state: "detached" });
    expect(await keys()).toHaveLength(2);
    await press(page, /^Retire – key pair 2$/);
    await press(page, /^Yes, retire it$/);
    await section.getByRole("status").getByText("The key pair was retired").waitFor();
    await check(page, "old key pair retired");
    expect(await keys()).toEqual([{ id: newKey!.id, status: "active" }]);
    expect(await metadataCertificates()).toBe(1);
    await section.getByRole("button", { name: /^Add a new key pair$/ }).waitFor();
  });
});

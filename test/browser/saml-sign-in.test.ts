import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProvider } from "../../src/sign-on/providers-repository.js";
import { IDP_CERT, IDP_ENTITY_ID } from "../saml-idp.js";
import { metadataCertificate } from "../saml-idp-messages.js";
import { startSamlIdp, type TestIdp } from "../saml-idp-server.js";
import { expectAccessible, useBrowserSuite } from "./browser.js";

/*
 * The SAML walk in Chromium: a patron clicks the university's button on the patron sign-in page,
 * the test identity provider posts a signed answer back to Recto's ACS, and the patron lands in
 * the patron app, with the user group the mapping gives, and places a request. Then, with the
 * provider requiring encrypted assertions, a patron signs in with an encrypted one and signs out
 * at the university, whose LogoutRequest ends the Recto session.
 */

let idp: TestIdp;
let institutionId: number;
const suite = useBrowserSuite();
const LABEL = "University of Example account";

beforeAll(async () => {
  // The ACS address Recto names in its AuthnRequest is under PUBLIC_URL: this server's own address.
  (suite.recto.ctx.config as { publicUrl: string }).publicUrl = suite.recto.url;
  const db = suite.recto.ctx.db;
  institutionId = (
    await db.selectFrom("institutions").select("id").where("code", "=", "DEMO").executeTakeFirstOrThrow()
  ).id;
  idp = await startSamlIdp({
    person: {
      eppn: "grace@uni.example",
      affiliations: ["member", "student"],
      mail: "grace@uni.example",
      givenName: "Grace",
      sn: "Hopper",
    },
    audience: `${suite.recto.url}/auth/saml/DEMO/uex/metadata`,
    now: () => suite.recto.ctx.clock.now(),
  });
  await insertProvider(
    db,
    institutionId,
    {
      code: "uex",
      label: LABEL,
      enabled: true,
      sort_order: 0,
      create_accounts: true,
      protocol: "saml",
      settings: {
        idp_entity_id: IDP_ENTITY_ID,
        idp_sso_url: idp.ssoUrl,
        idp_slo_url: idp.sloUrl,
        idp_certificates: [IDP_CERT],
        want_assertions_signed: true,
        require_encrypted_assertions: false,
        sign_authn_requests: false,
      },
      mapping: {
        primary_id: "eduPersonPrincipalName",
        email: "mail",
        first_name: "givenName",
        last_name: "sn",
        user_group: {
          attribute: "eduPersonAffiliation",
          rules: [{ value: "student", user_group_code: "GRAD" }],
          default_user_group_code: null,
        },
      },
    },
    new Date().toISOString(),
  );
}, 120_000);

afterAll(async () => {
  await idp?.close();
});

/** A book this patron is offered a copy of (the demo's titles, asked one by one). */
async function offeredBook(page: Page): Promise<number> {
  const books = await suite.recto.ctx.db
    .selectFrom("bibs as b")
    .innerJoin("items as i", "i.bib_id", "b.id")
    .select("b.id")
    .where("b.institution_id", "=", institutionId)
    .where("b.material_type", "=", "BOOK")
    .where("b.full_text_url", "is", null)
    .where("i.description", "is", null)
    .where("i.process_status", "=", "IN_PLACE")
    .groupBy("b.id")
    .having((eb) => eb.fn.countAll(), "=", 1)
    .orderBy("b.id")
    .limit(20)
    .execute();
  for (const { id } of books) {
    const offered = await page.evaluate(async (mms) => {
      const res = await fetch(`/api/v1/explain?mms_id=${mms}`);
      const body = (await res.json()) as { services: { type: string; offered: boolean }[] };
      return body.services.some((s) => s.type === "DIGITIZATION" && s.offered);
    }, id);
    if (offered) return id;
  }
  throw new Error("the demo offers this patron no book");
}

describe("SAML sign-in in a browser", { timeout: 120_000 }, () => {
  it("a patron signs in with the university's button, lands in the patron app with the mapped group and places a request", async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.recto.url}/sign-in`);
    await page.getByRole("link", { name: LABEL }).waitFor();
    await expectAccessible(page, "patron sign-in page with the SAML button");
    await page.getByRole("link", { name: LABEL }).click();
    // The identity provider posts its signed answer to the ACS, which sends the person back.
    await page.getByText(/Signed in as/).waitFor();
    expect(new URL(page.url()).origin).toBe(suite.recto.url);
    await expectAccessible(page, "patron app after SAML sign-in");

    const user = await suite.recto.ctx.db
      .selectFrom("users as u")
      .innerJoin("user_groups as g", "g.id", "u.user_group_id")
      .select(["u.first_name", "u.last_name", "u.email", "g.code"])
      .where("u.institution_id", "=", institutionId)
      .where("u.primary_id", "=", "grace@uni.example")
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ first_name: "Grace", last_name: "Hopper", email: "grace@uni.example", code: "GRAD" });

    const id = await offeredBook(page);
    await page.goto(`${suite.recto.url}/titles/${id}/request?pages=3-4`);
    await page.locator("#pages-0-from").waitFor();
    const declaration = page.locator("#f-copyrights_declaration_signed_by_patron");
    if (await declaration.count()) await declaration.check();
    await page.locator("button[type=submit]").click();
    await page.waitForURL(/\/requests\/\d+$/);
    const requestId = /\/requests\/(\d+)$/.exec(new URL(page.url()).pathname)![1];
    const placed = await page.evaluate(async (rid) => (await fetch(`/api/v1/requests/${rid}`)).json(), requestId);
    expect(placed).toMatchObject({ request_type: "DIGITIZATION" });
    await expectAccessible(page, "request placed after SAML sign-in");

    // Signing out ends Recto's session and the provider's, through a LogoutRequest for this sign-in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.sloUrl));
    expect(idp.logouts).toHaveLength(1);
    expect(new URLSearchParams(idp.logouts[0]).get("SAMLRequest")).toBeTruthy();
    await page.goto(`${suite.recto.url}/sign-in`);
    expect(await page.evaluate(async () => (await fetch("/api/v1/auth/me")).status)).toBe(401);
  });

  it("with encrypted assertions required, signs in, and signing out at the university ends the session", async () => {
    const metadata = await fetch(`${suite.recto.url}/auth/saml/DEMO/uex/metadata`).then((r) => r.text());
    idp.encryptTo = metadataCertificate(metadata, "encryption");
    idp.person = { eppn: "ada@uni.example", affiliations: ["student"], givenName: "Ada", sn: "Lovelace" };
    const db = suite.recto.ctx.db;
    const row = await db
      .selectFrom("identity_providers")
      .select(["id", "settings"])
      .where("code", "=", "uex")
      .executeTakeFirstOrThrow();
    const settings = { ...JSON.parse(row.settings), require_encrypted_assertions: true };
    await db
      .updateTable("identity_providers")
      .set({ settings: JSON.stringify(settings) })
      .where("id", "=", row.id)
      .execute();
    try {
      const page = await suite.newPage();
      await page.goto(`${suite.recto.url}/sign-in`);
      await page.getByRole("link", { name: LABEL }).click();
      await page.getByText(/Signed in as/).waitFor();
      const me = async () => page.evaluate(async () => (await fetch("/api/v1/auth/me")).status);
      expect(await me()).toBe(200);

      const answers = idp.logouts.length;
      await page.goto(idp.logoutEverywhereUrl(`${suite.recto.url}/auth/saml/DEMO/uex/slo`));
      // Recto answers the provider with a signed LogoutResponse, and the session is over.
      await page.waitForURL((url) => url.href.startsWith(idp.sloUrl));
      expect(new URLSearchParams(idp.logouts[answers]).get("SAMLResponse")).toBeTruthy();
      await page.goto(`${suite.recto.url}/sign-in`);
      expect(await me()).toBe(401);
    } finally {
      idp.encryptTo = undefined;
      await db.updateTable("identity_providers").set({ settings: row.settings }).where("id", "=", row.id).execute();
    }
  });

  it("an answer without the primary id gets the clear page, in plain words and axe clean, and no account", async () => {
    idp.person = { affiliations: ["student"], givenName: "Nemo" };
    const page = await suite.newPage();
    await page.goto(`${suite.recto.url}/sign-in`);
    await page.getByRole("link", { name: LABEL }).click();
    await page.getByRole("heading", { name: "Sign-in did not work" }).waitFor();
    await page.getByText("did not tell us who you are").waitFor();
    await expectAccessible(page, "SAML sign-in refused");
    await page.getByRole("link", { name: "Back to the sign-in page" }).click();
    await page.getByRole("link", { name: LABEL }).waitFor();
    const nemo = await suite.recto.ctx.db.selectFrom("users").select("id").where("first_name", "=", "Nemo").execute();
    expect(nemo).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretBox } from "../../src/secrets/secrets-key.js";
import { insertProvider } from "../../src/sign-on/providers-repository.js";
import { startTestOidcProvider, type TestOidcProvider } from "../oidc-provider.js";
import { expectAccessible, fillSignIn, useBrowserSuite } from "./browser.js";

/*
 * Signing in through the campus OpenID provider (issue 15) in Chromium: the real server and the
 * demo, the real provider of test/oidc-provider.ts. A patron clicks the provider's button, signs
 * in at the provider, lands in the patron app with the mapped group and places a request; the
 * sign-in page with its buttons, the refusal page and the setup screen have no axe violation.
 */

let idp: TestOidcProvider;
const suite = useBrowserSuite();

beforeAll(async () => {
  // The callback address is built from PUBLIC_URL: here, the port the server got.
  (suite.recto.ctx.config as { publicUrl: string }).publicUrl = suite.recto.url;
  idp = await startTestOidcProvider({
    redirectUris: [`${suite.recto.url}/auth/sso/DEMO/campus/callback`],
    postLogoutRedirectUris: [`${suite.recto.url}/`],
  });
  const inst = await suite.recto.ctx.db
    .selectFrom("institutions")
    .select("id")
    .where("code", "=", "DEMO")
    .executeTakeFirstOrThrow();
  await insertProvider(
    suite.recto.ctx.db,
    inst.id,
    {
      code: "campus",
      label: "Campus account",
      protocol: "oidc",
      enabled: true,
      sort_order: 0,
      create_accounts: true,
      settings: {
        issuer: idp.issuer,
        client_id: idp.clientId,
        client_secret: secretBox(suite.recto.ctx.config).seal(idp.clientSecret, "oidc-client-secret"),
        scopes: ["openid", "profile", "email", "affiliation"],
      },
      mapping: {
        primary_id: "uid",
        email: "email",
        first_name: "given_name",
        last_name: "family_name",
        user_group: {
          attribute: "eduPersonAffiliation",
          rules: [
            { value: "faculty", user_group_code: "FACULTY" },
            { value: "student", user_group_code: "UNDERGRAD" },
          ],
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

describe("signing in with the campus account", { timeout: 120_000 }, () => {
  it("a patron clicks the button, signs in at the provider, lands in the app with the mapped group and places a request", async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.recto.url}/sign-in`);
    const button = page.getByRole("link", { name: "Campus account" });
    await button.waitFor();
    await expectAccessible(page, "sign-in with a provider's button");
    await button.click();
    await page.locator("h1", { hasText: "Campus sign-in" }).waitFor();
    await page.locator("#login").fill("faculty");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/Signed in as/).waitFor();
    expect(new URL(page.url()).origin).toBe(suite.recto.url);

    const user = await suite.recto.ctx.db
      .selectFrom("users as u")
      .innerJoin("user_groups as g", "g.id", "u.user_group_id")
      .select(["u.id", "g.code", "u.email"])
      .where("u.primary_id", "=", "pprof")
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ code: "FACULTY", email: "pprof@campus.example" });

    // A title the patron is offered a copy of, asked for from the page (its session and CSRF token).
    const placed = await page.evaluate(async () => {
      const list = (await (await fetch("/api/v1/bibs?limit=40")).json()) as { bibs?: { mms_id: string }[] };
      for (const bib of list.bibs ?? []) {
        const explain = (await (await fetch(`/api/v1/explain?mms_id=${bib.mms_id}`)).json()) as {
          services: { type: string; offered: boolean }[];
        };
        if (!explain.services.some((s) => s.type === "DIGITIZATION" && s.offered)) continue;
        const res = await fetch("/api/v1/requests", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-csrf-token": sessionStorage.getItem("recto.csrf") ?? "",
          },
          body: JSON.stringify({
            mms_id: bib.mms_id,
            partial_digitization: false,
            copyrights_declaration_signed_by_patron: true,
          }),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      }
      return { status: 0, body: {} };
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  });

  it("a refusal is a clear, accessible page leading back to the sign-in page", async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.recto.url}/sign-in`);
    await page.getByRole("link", { name: "Campus account" }).click();
    await page.locator("#login").fill("alum");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("h1", { hasText: "Sign-in did not work" }).waitFor();
    await expectAccessible(page, "sign-on refused");
    await page.getByRole("link", { name: "Back to the sign-in page" }).click();
    await page.locator("h1", { hasText: "Sign in" }).waitFor();
  });

  it("the Sign-on setup screen shows the provider and its mapping", async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.recto.url}/staff/setup/sign-on`);
    await fillSignIn(page, "demo-admin");
    await page.locator("h2", { hasText: "Campus account (campus)" }).waitFor();
    await expect.poll(() => page.getByRole("cell", { name: "UNDERGRAD" }).count()).toBe(1);
    await expectAccessible(page, "setup sign-on");
  });

  it("no page broke the CSP or threw", () => {
    expect(suite.problems()).toEqual([]);
  });
});

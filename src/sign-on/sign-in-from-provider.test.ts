import pino from "pino";
import { describe, expect, it } from "vitest";
import { makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { updateUser } from "../people/users-repository.js";
import type { AttributeMappingInput } from "./provider-model.js";
import { findProvider, insertProvider } from "./providers-repository.js";
import { SignOnRefusal } from "./refusal.js";
import { signInFromProvider } from "./sign-in-from-provider.js";

/*
 * Which account a sign-on lands in (issue 15, point 3): by primary id, or by the library card or
 * email the mapping names, for patrons loaded under another id; more than one match is refused.
 */

const t = useTestApp();
const log = pino({ level: "silent" });

async function providerMatchingBy(inst: InstitutionFixture, matchBy?: "primary_id" | "barcode" | "email") {
  const mapping: AttributeMappingInput = {
    primary_id: "uid",
    email: "mail",
    user_group: { attribute: "affiliation", rules: [], default_user_group_code: "GRAD" },
    ...(matchBy ? { match_by: matchBy } : {}),
  };
  const at = t.clock.now().toISOString();
  const id = await insertProvider(
    t.ctx.db,
    inst.id,
    {
      code: `p-${matchBy ?? "default"}`,
      label: "Campus",
      enabled: true,
      sort_order: 0,
      create_accounts: true,
      protocol: "oidc",
      settings: { issuer: "https://login.example.edu", client_id: "recto", scopes: [] },
      mapping,
    },
    at,
  );
  return (await findProvider(t.ctx.db, inst.id, { id }))!;
}

const signIn = (
  inst: InstitutionFixture,
  provider: Awaited<ReturnType<typeof providerMatchingBy>>,
  uid: string,
  mail = "ada@uni.example",
) =>
  signInFromProvider(t.ctx.db, {
    institutionId: inst.id,
    provider,
    attributes: { uid: [uid], mail: [mail] },
    now: t.clock.now(),
    log,
    clientAddress: "127.0.0.1",
    ttlHours: 8,
  });

const usersOf = (inst: InstitutionFixture) =>
  t.ctx.db.selectFrom("users").select(["id", "primary_id"]).where("institution_id", "=", inst.id).execute();

describe("the account a sign-on lands in", () => {
  it("matches by primary id when the mapping names nothing else", async () => {
    const inst = await makeInstitution(t.ctx);
    const loaded = await makeUser(t.ctx, inst, { email: "ada@uni.example" });
    const provider = await providerMatchingBy(inst);
    expect(provider.mapping.match_by).toBe("primary_id");
    const session = await signIn(inst, provider, loaded.primaryId);
    expect(session).toMatchObject({ userId: loaded.id, accountCreated: false });
  });

  it("matches a patron loaded under another id by their library card, keeping their primary id", async () => {
    const inst = await makeInstitution(t.ctx);
    const loaded = await makeUser(t.ctx, inst);
    await updateUser(t.ctx.db, loaded.id, { barcode: "E123456" }, t.clock.now().toISOString());
    const before = await usersOf(inst);
    const session = await signIn(inst, await providerMatchingBy(inst, "barcode"), "E123456");
    expect(session).toMatchObject({ userId: loaded.id, accountCreated: false });
    expect(await usersOf(inst)).toEqual(before);
  });

  it("matches by email without regard to case, and refuses when two accounts share it", async () => {
    const inst = await makeInstitution(t.ctx);
    const loaded = await makeUser(t.ctx, inst, { email: "Ada.Lovelace@Uni.example" });
    const provider = await providerMatchingBy(inst, "email");
    const email = "ada.lovelace@uni.example";
    expect(await signIn(inst, provider, email, email)).toMatchObject({ userId: loaded.id });

    await makeUser(t.ctx, inst, { email });
    const before = await usersOf(inst);
    const refused = await signIn(inst, provider, email, email).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignOnRefusal);
    expect((refused as SignOnRefusal).reason).toBe("ambiguous_account");
    expect(await usersOf(inst)).toEqual(before);
  });

  it("creates an account under the attribute's value when nothing matches", async () => {
    const inst = await makeInstitution(t.ctx);
    await makeUser(t.ctx, inst, { email: "ada@uni.example" });
    const session = await signIn(inst, await providerMatchingBy(inst, "barcode"), "E999");
    expect(session.accountCreated).toBe(true);
    expect((await usersOf(inst)).map((u) => u.primary_id)).toContain("E999");
  });
});

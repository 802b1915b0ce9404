import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db, Executor } from "../db/database.js";
import type { SecretBox } from "../shared/secret-box.js";
import { invalid, notFound } from "../errors.js";
import { uniqueOr } from "../people/duplicates.js";
import { findUserGroupByCode } from "../people/user-groups-repository.js";
import type { IdentityProvider, OidcSettings } from "./provider-model.js";
import * as repo from "./providers-repository.js";
import { newSpKeyPair, storeSpKey } from "./saml/sp-key.js";

/*
 * Use cases for an institution's identity providers (issue 15): who signs in through what, and
 * how their attributes become a user. Administering them is user management (people.manage):
 * they decide who gets an account and in which group.
 */

/** A provider as given to the API: an OpenID client secret left out keeps the one stored. */
export type ProviderInput = repo.ProviderValues;

async function checkGroups(db: Executor, institutionId: number, v: ProviderInput) {
  const g = v.mapping.user_group;
  const codes: [string, string][] = g.rules.map((r, i) => [
    `mapping.user_group.rules.${i}.user_group_code`,
    r.user_group_code,
  ]);
  if (g.default_user_group_code !== null) {
    codes.push(["mapping.user_group.default_user_group_code", g.default_user_group_code]);
  }
  for (const [field, code] of codes) {
    if (!(await findUserGroupByCode(db, institutionId, code))) {
      throw invalid(field, `There is no user group with code ${code} in this institution.`);
    }
  }
}

const duplicate = (code: string) => `An identity provider with code ${code} already exists in this institution.`;

export async function listIdentityProviders(db: Db, actor: Actor): Promise<IdentityProvider[]> {
  authorize(actor, "people.manage");
  return repo.listProviders(db, actor.institutionId);
}

async function load(db: Executor, actor: Actor, id: number): Promise<IdentityProvider> {
  authorize(actor, "people.manage");
  const provider = await repo.findProvider(db, actor.institutionId, { id });
  if (!provider) throw notFound("identity provider");
  return provider;
}

export const readIdentityProvider = load;

/** The OpenID client secret sent is stored sealed with the secrets key (src/shared/secret-box.ts). */
const sealingSecret = (secrets: SecretBox, v: ProviderInput): ProviderInput => {
  const sent = v.settings as OidcSettings;
  return v.protocol === "oidc" && sent.client_secret
    ? { ...v, settings: { ...sent, client_secret: secrets.seal(sent.client_secret, "oidc-client-secret") } }
    : v;
};

export async function createIdentityProvider(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  input: ProviderInput,
  now: Date,
) {
  authorize(actor, "people.manage");
  // A SAML provider gets Recto's key pair with it, made before the transaction (it takes a moment).
  const keyPair = input.protocol === "saml" ? await newSpKeyPair(input.code, now) : null;
  return db.transaction().execute(async (tx) => {
    await checkGroups(tx, actor.institutionId, input);
    const id = await uniqueOr("code", duplicate(input.code), () =>
      repo.insertProvider(tx, actor.institutionId, sealingSecret(secrets, input), now.toISOString()),
    );
    const owner = { id, institution_id: actor.institutionId, code: input.code };
    if (keyPair) await storeSpKey(tx, secrets, owner, keyPair, now);
    return load(tx, actor, id);
  });
}

export async function updateIdentityProvider(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  id: number,
  input: ProviderInput,
  now: Date,
) {
  return db.transaction().execute(async (tx) => {
    const current = await load(tx, actor, id);
    await checkGroups(tx, actor.institutionId, input);
    // The secret is never answered, so a form that does not change it sends none (the sealed one stays).
    const sent = input.settings as OidcSettings;
    const values: ProviderInput =
      input.protocol === "oidc" && current.protocol === "oidc" && !sent.client_secret
        ? { ...input, settings: { ...sent, client_secret: current.settings.client_secret ?? null } }
        : sealingSecret(secrets, input);
    await uniqueOr("code", duplicate(input.code), () =>
      repo.updateProvider(tx, actor.institutionId, id, values, now.toISOString()),
    );
    return load(tx, actor, id);
  });
}

export async function deleteIdentityProvider(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await load(tx, actor, id);
    await repo.deleteProvider(tx, actor.institutionId, id);
  });
}

import type { FastifyBaseLogger } from "fastify";
import type { Db, Executor } from "../db/database.js";
import { openSession, type OpenedSession } from "../people/sessions.js";
import { findUserGroupByCode } from "../people/user-groups-repository.js";
import { findUsersByIdentifier, insertUser, updateUser, type UserValues } from "../people/users-repository.js";
import { mapAttributes, type Attributes, type MappedPerson } from "./attribute-mapping.js";
import type { IdentityProvider } from "./provider-model.js";
import { refuseSignOn } from "./refusal.js";
import { insertSignOnEvent } from "./sign-on-events-repository.js";

/*
 * A person the identity provider vouched for, signed in to Recto (issue 15, points 2 and 3): their
 * attributes through the provider's mapping, their account found by primary id (or the card or
 * email the mapping names) or created when the
 * provider allows it, the mapped fields brought up to date, the sign-in recorded, and a session
 * opened the way a password sign-in opens one. Roles are never touched: an attribute grants none
 * and takes none away, so staff signing in this way keep theirs. One transaction: a refusal
 * (SIGN_ON_REFUSED with its reason) leaves nothing behind.
 */

export interface SignInFromProviderInput {
  institutionId: number;
  provider: IdentityProvider;
  attributes: Attributes;
  now: Date;
  log: FastifyBaseLogger;
  clientAddress: string;
  /** SESSION_TTL_HOURS */
  ttlHours: number;
}

export interface SignedInFromProvider extends OpenedSession {
  accountCreated: boolean;
}

/** The user fields a provider's mapping fills. */
type MappedFields = Partial<
  Pick<UserValues, "first_name" | "last_name" | "email" | "user_group_id" | "preferred_language">
>;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$/;
const clip = (v: string | null, max = 255) => (v === null ? null : v.slice(0, max));

/** The user fields a mapped person fills; a field the provider did not send is left as it is. */
function mappedValues(person: MappedPerson, userGroupId: number): MappedFields {
  const v: MappedFields = { user_group_id: userGroupId };
  if (person.firstName !== null) v.first_name = clip(person.firstName) ?? "";
  if (person.lastName !== null) v.last_name = clip(person.lastName) ?? "";
  if (person.email !== null) v.email = clip(person.email, 254);
  if (person.preferredLanguage !== null && LANGUAGE_TAG.test(person.preferredLanguage)) {
    v.preferred_language = person.preferredLanguage;
  }
  return v;
}

async function findOrCreate(tx: Executor, input: SignInFromProviderInput, person: MappedPerson, values: MappedFields) {
  const { institutionId, provider, now } = input;
  const at = now.toISOString();
  const matchBy = provider.mapping.match_by;
  const found = await findUsersByIdentifier(tx, institutionId, matchBy, person.primaryId);
  if (found.length > 1) throw refuseSignOn("ambiguous_account", `more than one user has this ${matchBy}`);
  const existing = found[0];
  if (!existing) {
    if (!provider.create_accounts) throw refuseSignOn("no_account", `no user with primary id and creation is off`);
    const id = await insertUser(
      tx,
      institutionId,
      {
        primary_id: person.primaryId,
        first_name: values.first_name ?? "",
        last_name: values.last_name ?? "",
        email: values.email ?? null,
        user_group_id: values.user_group_id ?? null,
        preferred_language: values.preferred_language ?? null,
        status: "ACTIVE",
        expiry_date: null,
        password_hash: null,
      },
      at,
    );
    return { id, created: true, changed: Object.keys(values) };
  }
  if (existing.status !== "ACTIVE") throw refuseSignOn("account_inactive", `user ${existing.id} is ${existing.status}`);
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => existing[k] !== values[k]);
  if (changed.length > 0) {
    await updateUser(tx, existing.id, Object.fromEntries(changed.map((k) => [k, values[k]])), at);
  }
  return { id: existing.id, created: false, changed };
}

export async function signInFromProvider(db: Db, input: SignInFromProviderInput): Promise<SignedInFromProvider> {
  const { institutionId, provider, now } = input;
  if (provider.institution_id !== institutionId)
    throw refuseSignOn("unknown_provider", "provider of another institution");
  if (!provider.enabled) throw refuseSignOn("provider_disabled");
  const mapped = mapAttributes(input.attributes, provider.mapping);
  if (!mapped.ok) throw refuseSignOn(mapped.reason, `attributes received: ${Object.keys(input.attributes).join(", ")}`);
  const person = mapped.person;
  return db.transaction().execute(async (tx) => {
    const group = await findUserGroupByCode(tx, institutionId, person.userGroupCode);
    if (!group)
      throw refuseSignOn("unknown_group", `the mapping names group ${person.userGroupCode}, which does not exist`);
    const user = await findOrCreate(tx, input, person, mappedValues(person, group.id));
    const at = now.toISOString();
    await insertSignOnEvent(
      tx,
      {
        institutionId,
        providerId: provider.id,
        userId: user.id,
        accountCreated: user.created,
        changedFields: user.changed,
      },
      at,
    );
    const session = await openSession(
      tx,
      { id: user.id, institution_id: institutionId },
      { now, ttlHours: input.ttlHours, identityProviderId: provider.id },
    );
    input.log.info(
      {
        signOn: { provider: provider.code, institutionId, userId: user.id, accountCreated: user.created },
        clientAddress: input.clientAddress,
      },
      "signed in through an identity provider",
    );
    return { ...session, accountCreated: user.created };
  });
}

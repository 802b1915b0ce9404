import type { FastifyBaseLogger } from "fastify";
import { sha256 } from "../../auth/tokens.js";
import type { Db } from "../../db/database.js";
import type { IdentityProvider } from "../provider-model.js";
import { refuseSignOn, type SignOnReason } from "../refusal.js";
import { signInFromProvider, type SignedInFromProvider } from "../sign-in-from-provider.js";
import { checkSamlResponse, SamlRefusal, type SamlRefusalReason } from "./check-saml-response.js";
import { decodeRelayState, type RelayTarget } from "./relay-state.js";
import { samlClient, samlEndpoints } from "./saml-client.js";
import { rememberMessageId, takeMessageId } from "./saml-message-ids-repository.js";
import { spKeyRingOf } from "./sp-key.js";
import { checkWithEachKey } from "./check-with-each-key.js";
import type { SecretBox } from "../../shared/secret-box.js";

type SamlProvider = Extract<IdentityProvider, { protocol: "saml" }>;

export interface SamlSignInInput {
  provider: SamlProvider;
  institutionCode: string;
  publicUrl: string;
  /** the ACS form's SAMLResponse (base64) and RelayState */
  samlResponse: string;
  relayState: string | undefined;
  now: Date;
  log: FastifyBaseLogger;
  clientAddress: string;
  ttlHours: number;
  secrets: SecretBox;
}

/** What the person is told (sign-on messages), from the administrator's finer reason. */
const personReason = (reason: SamlRefusalReason): SignOnReason =>
  reason === "replayed"
    ? "replayed_response"
    : reason === "unknown_request"
      ? "invalid_state"
      : reason === "provider_error"
        ? "provider_error"
        : "invalid_response";

const refuse = (reason: SamlRefusalReason, detail: string) =>
  refuseSignOn(personReason(reason), `SAML ${reason}: ${detail}`);

/**
 * The ACS: a SAML Response checked (checkSamlResponse), its InResponseTo naming an AuthnRequest
 * Recto sent and has not had answered yet, its assertion never used before (the id is kept until
 * the assertion's NotOnOrAfter), then the attributes signed in through the provider's mapping.
 * The request id and the assertion are used up before the sign-in itself, so a refused sign-in
 * cannot be tried again with the same answer. Answers the session and where the person goes.
 */
export async function signInWithSamlResponse(
  db: Db,
  input: SamlSignInInput,
): Promise<{ session: SignedInFromProvider; target: RelayTarget }> {
  const { provider, now } = input;
  const endpoints = samlEndpoints(input.publicUrl, input.institutionCode, provider.code, provider.settings);
  let checked;
  try {
    checked = await checkWithEachKey(
      await spKeyRingOf(db, input.secrets, provider, now),
      (key) => samlClient(provider.settings, endpoints, { key }),
      (client) => checkSamlResponse(client, input.samlResponse, provider.settings, endpoints, now),
    );
  } catch (err) {
    if (err instanceof SamlRefusal) throw refuse(err.reason, err.message);
    throw err;
  }
  const at = now.toISOString();
  const key = { provider_id: provider.id, institution_id: provider.institution_id };
  if (checked.inResponseTo !== null) {
    const request = await takeMessageId(db, { ...key, kind: "request", message_id: checked.inResponseTo }, at);
    if (!request) throw refuse("unknown_request", `InResponseTo ${checked.inResponseTo} names no request waiting`);
  }
  const fresh = await rememberMessageId(
    db,
    { ...key, kind: "assertion", message_id: checked.assertionId, expires_at: checked.usableUntil.toISOString() },
    at,
  );
  if (!fresh) throw refuse("replayed", `assertion ${checked.assertionId} was used before`);

  const session = await signInFromProvider(db, {
    institutionId: provider.institution_id,
    provider,
    attributes: checked.attributes,
    now,
    log: input.log,
    clientAddress: input.clientAddress,
    ttlHours: input.ttlHours,
  });
  // What a LogoutRequest names, the provider's (saml-logout.ts) or Recto's when this session ends.
  if (checked.nameId) {
    await rememberMessageId(
      db,
      {
        ...key,
        kind: "session",
        message_id: sha256(session.token),
        data: JSON.stringify({
          sp_entity_id: endpoints.entityId,
          acs_url: endpoints.acsUrl,
          name_id: checked.nameId.value,
          name_id_format: checked.nameId.format,
          session_index: checked.sessionIndex,
        }),
        name_id: checked.nameId.value,
        session_index: checked.sessionIndex,
        expires_at: session.expiresAt,
      },
      at,
    );
  }
  return { session, target: decodeRelayState(input.relayState, input.institutionCode) };
}

import { randomBytes } from "node:crypto";
import type { Executor } from "../../db/database.js";
import type { SecretBox } from "../../shared/secret-box.js";
import { encodeRelayState, type RelayTarget } from "./relay-state.js";
import { samlClient, samlEndpoints, type SamlSettings } from "./saml-client.js";
import { rememberMessageId } from "./saml-message-ids-repository.js";
import { spKeyOf } from "./sp-key.js";

/** How long Recto waits for the provider's answer to an AuthnRequest (the person signs in meanwhile). */
export const SAML_REQUEST_TTL_MS = 15 * 60_000;

export interface SamlProviderRef {
  id: number;
  institution_id: number;
  code: string;
  settings: SamlSettings;
}

/**
 * Begins a SAML sign-in: an AuthnRequest for the HTTP-Redirect binding to the provider's SSO
 * address, its id remembered so that the answer's InResponseTo must name it (once), and the
 * RelayState carrying the app and the same-site path to return to; signed with Recto's key when
 * the provider is set to (sign_authn_requests). Answers the address to send the browser to.
 */
export async function startSamlSignIn(
  db: Executor,
  input: {
    provider: SamlProviderRef;
    institutionCode: string;
    publicUrl: string;
    target: RelayTarget;
    now: Date;
    secrets: SecretBox;
  },
): Promise<string> {
  const { provider, now } = input;
  // An XML ID must not begin with a digit.
  const requestId = `_${randomBytes(20).toString("hex")}`;
  const endpoints = samlEndpoints(input.publicUrl, input.institutionCode, provider.code, provider.settings);
  const sign = provider.settings.sign_authn_requests;
  const client = await samlClient(provider.settings, endpoints, {
    generateUniqueId: () => requestId,
    sign,
    ...(sign ? { key: await spKeyOf(db, input.secrets, provider, now) } : {}),
  });
  const url = await client.getAuthorizeUrlAsync(encodeRelayState(input.target, input.institutionCode), undefined, {});
  await rememberMessageId(
    db,
    {
      institution_id: provider.institution_id,
      provider_id: provider.id,
      kind: "request",
      message_id: requestId,
      expires_at: new Date(now.getTime() + SAML_REQUEST_TTL_MS).toISOString(),
    },
    now.toISOString(),
  );
  return url;
}

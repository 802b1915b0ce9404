import type { FastifyBaseLogger } from "fastify";
import { deleteSessionByTokenHash } from "../../auth/repository.js";
import type { Db } from "../../db/database.js";
import type { SecretBox } from "../../shared/secret-box.js";
import type { IdentityProvider } from "../provider-model.js";
import { checkLogoutRequest, type LogoutMessage } from "./check-logout-request.js";
import { SamlRefusal } from "./check-saml-response.js";
import { samlClient, samlEndpoints } from "./saml-client.js";
import { rememberMessageId, takeSessionRowsOf } from "./saml-message-ids-repository.js";
import { checkWithEachKey } from "./check-with-each-key.js";
import { spKeyRingOf } from "./sp-key.js";

type SamlProvider = Extract<IdentityProvider, { protocol: "saml" }>;

export interface SamlLogoutInput {
  provider: SamlProvider;
  institutionCode: string;
  publicUrl: string;
  message: LogoutMessage;
  relayState: string | undefined;
  now: Date;
  log: FastifyBaseLogger;
  secrets: SecretBox;
}

/**
 * What the SLO address answers: the signed LogoutResponse to send the browser back with (null
 * when the provider has no single logout address to receive it), and how many sessions ended.
 */
export interface SamlLogoutOutcome {
  responseUrl: string | null;
  endedSessions: number;
}

/**
 * Single logout begun by the identity provider: a LogoutRequest checked (checkLogoutRequest; an
 * encrypted NameID tried with each of the provider's keys, as a sign-in's assertion is) and not
 * acted on before ends the Recto sessions that person began through this provider (the NameID,
 * and the SessionIndex when named, recorded at sign-in). The answer is a LogoutResponse signed
 * with Recto's key: Success, or UnknownPrincipal when no session of that person was open (then
 * nothing changed). A refused request (SamlRefusal) changes nothing either.
 */
export async function logOutFromProvider(db: Db, input: SamlLogoutInput): Promise<SamlLogoutOutcome> {
  const { provider, now } = input;
  const endpoints = samlEndpoints(input.publicUrl, input.institutionCode, provider.code, provider.settings);
  const keys = await spKeyRingOf(db, input.secrets, provider, now);
  const checked = await checkWithEachKey(
    keys,
    (key) => samlClient(provider.settings, endpoints, { key }),
    (client) => checkLogoutRequest(client, input.message, provider.settings, endpoints, now),
  );
  const at = now.toISOString();
  const ended = await db.transaction().execute(async (tx) => {
    const tokenHashes = await takeSessionRowsOf(
      tx,
      { provider_id: provider.id, name_id: checked.nameId, session_index: checked.sessionIndex },
      at,
    );
    // Nobody to sign out: nothing is written, the request is answered UnknownPrincipal.
    if (tokenHashes.length === 0) return 0;
    // Remembered only once it ends something: replayed later, it would end a newer sign-in.
    const fresh = await rememberMessageId(
      tx,
      {
        institution_id: provider.institution_id,
        provider_id: provider.id,
        kind: "logout",
        message_id: checked.id,
        expires_at: checked.usableUntil.toISOString(),
      },
      at,
    );
    if (!fresh) throw new SamlRefusal("replayed", `LogoutRequest ${checked.id} was acted on before`);
    for (const tokenHash of tokenHashes) await deleteSessionByTokenHash(tx, tokenHash);
    return tokenHashes.length;
  });
  input.log.info(
    { signOn: { provider: provider.code, institution: input.institutionCode, endedSessions: ended } },
    "single logout from the identity provider",
  );
  // Signed with the active key, whichever key decrypted the request.
  const signer = await samlClient(provider.settings, endpoints, { key: keys[0], sign: true });
  const responseUrl = provider.settings.idp_slo_url
    ? await signer.getLogoutResponseUrlAsync(checked.profile, input.relayState ?? "", {}, ended > 0)
    : null;
  return { responseUrl, endedSessions: ended };
}

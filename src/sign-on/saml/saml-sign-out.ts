import type { Executor } from "../../db/database.js";
import type { SecretBox } from "../../shared/secret-box.js";
import { findProvider } from "../providers-repository.js";
import { samlClient } from "./saml-client.js";
import { takeSessionRow } from "./saml-message-ids-repository.js";
import { spKeyOf } from "./sp-key.js";

/**
 * When a session begun through a SAML provider with a single logout address ends: the address
 * of a LogoutRequest (HTTP-Redirect) that ends the person's session at the provider too, naming
 * the NameID and SessionIndex of the sign-in, signed with Recto's key (an identity provider
 * acts on no unsigned LogoutRequest). Undefined for any other session.
 */
export async function samlSignOutUrl(
  db: Executor,
  input: { tokenHash: string; now: Date; secrets: SecretBox },
): Promise<string | undefined> {
  const row = await takeSessionRow(db, input.tokenHash, input.now.toISOString());
  if (!row?.data) return undefined;
  const provider = await findProvider(db, row.institution_id, { id: row.provider_id });
  if (!provider || provider.protocol !== "saml" || !provider.settings.idp_slo_url) return undefined;
  const data = JSON.parse(row.data) as {
    sp_entity_id: string;
    acs_url: string;
    name_id: string;
    name_id_format: string | null;
    session_index: string | null;
  };
  // Recto's entity id as it was at sign-in: the one the provider knows the session by.
  const endpoints = { entityId: data.sp_entity_id, acsUrl: data.acs_url, metadataUrl: "", sloUrl: "" };
  const key = await spKeyOf(db, input.secrets, provider, input.now);
  return (await samlClient(provider.settings, endpoints, { key, sign: true })).getLogoutUrlAsync(
    {
      issuer: data.sp_entity_id,
      nameID: data.name_id,
      nameIDFormat: data.name_id_format ?? "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
      ...(data.session_index ? { sessionIndex: data.session_index } : {}),
    },
    "",
    {},
  );
}

import type { ColumnType } from "kysely";
import type { Id, Optional, Timestamp } from "./columns.js";

/** A SAML message id Recto remembers for one identity provider (027_saml_replay_cache). */
export interface SamlMessageIdsTable {
  id: Id;
  institution_id: number;
  provider_id: number;
  /**
   * "request": an AuthnRequest Recto sent; "assertion": an assertion already used to sign in;
   * "session": a session begun by SAML, keyed by sha256 of its token; "logout": a LogoutRequest
   * from the provider already acted on
   */
  kind: "request" | "assertion" | "session" | "logout";
  message_id: string;
  /** for "session": JSON { name_id, name_id_format, session_index } */
  data: string | null;
  /** for "session": the NameID and SessionIndex a LogoutRequest from the provider names (036) */
  name_id: Optional<string>;
  session_index: Optional<string>;
  expires_at: Timestamp;
}

/**
 * Recto's key pairs for one SAML provider (036_saml_sp_keys, 037_saml_sp_key_rollover): the active
 * one, and during a rollover one other; the private key never leaves the server.
 */
export interface SamlSpKeysTable {
  id: Id;
  institution_id: number;
  provider_id: number;
  /** PKCS#8 PEM, sealed with the secrets key (src/shared/secret-box.ts) */
  private_key: string;
  /** the self-signed X.509 certificate published in the metadata, PEM */
  certificate: string;
  created_at: Timestamp;
  /** active: signs and decrypts; next: published, not signing yet; previous: replaced, not retired yet */
  status: ColumnType<SpKeyStatus, SpKeyStatus | undefined, SpKeyStatus>;
  activated_at: Optional<Timestamp>;
}

export type SpKeyStatus = "active" | "next" | "previous";
